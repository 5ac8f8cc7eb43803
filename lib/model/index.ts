export * from './types';
export { DEFAULTS } from './defaults';
export { buildModel, loadModel, actionPools, isSuccessCode, parseSuccessCodes } from './build';
export * from './match';
export { covers } from './shadow';
export { orderMostSpecific, fragmentId } from './order';
