/**
 * lbkit/local: the reference proxy. Runs a spec on loopback with the exact semantics every cloud backend is
 * held against, for tests and for trying a design before paying for it.
 */
export { LocalLoadBalancer, toModel, type DrainResult, type SpecSource } from './load-balancer';
export type { Binding, LocalStartOptions, MemberBinding } from './options';
export type { LocalEvent } from './events';
export type { AccessLogEntry, AccessLogSink } from './access-log';
export type { FrontendStatus, LocalStatus, MemberStatus, PoolStatus } from './admin/status';
export type { CertificatePem } from './tls/certificates';
export { LocalListenError, LocalLookupError, LocalOptionsError } from '../../lib/errors';
export { useBackends, useLocalLoadBalancer } from './jest';
export { startBackend, startBackends, TestBackend, type BackendOptions, type ReceivedRequest } from './testing/backend';
export { request, type RequestOptions, type Response } from './testing/client';
