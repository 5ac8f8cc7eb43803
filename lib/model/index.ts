export * from './types';
export { DEFAULTS } from './defaults';
export { buildModel, loadModel, isSuccessCode, parseSuccessCodes } from './build';
export * from './derived';
export { modelFor, layeredModel } from './targets';
export * from './match';
export { covers } from './shadow';
export { orderMostSpecific, fragmentId } from './order';
export { grpcPathMatch, grpcStatusForHttp, isGrpcContentType, GRPC_STATUS } from './grpc';
