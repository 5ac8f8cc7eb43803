/**
 * Where a pool's requests go: a backendRef to a Service. A pool bound to addresses gets a Service without a
 * selector and an EndpointSlice naming them (https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors;
 * the slice carries the label kubernetes.io/service-name, https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/).
 */
import { isIP } from 'node:net';
import type { Problem } from '../../../lib/errors';
import type { PoolModel } from '../../../lib/model/types';
import type { K8sObject } from '../objects';
import type { PoolBinding } from '../options';
import { meta, type PlanContext } from './context';
import { endpointSlice } from './endpoint-slice';
import { objectName } from './names';

export interface BackendRef {
  readonly name: string;
  readonly namespace?: string;
  readonly port: number;
}

export interface PoolBackend {
  readonly pool: string;
  readonly ref: BackendRef;
  /** The Service and EndpointSlice lbkit writes for an address binding. */
  readonly objects: readonly K8sObject[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function bindingOf(ctx: PlanContext, pool: PoolModel): PoolBinding {
  return ctx.options.bindings?.[pool.name] ?? { service: pool.name };
}

/** A pool's backend, or the problems of its binding. */
export function poolBackend(ctx: PlanContext, pool: PoolModel): { backend?: PoolBackend; problems: Problem[] } {
  const binding = bindingOf(ctx, pool);
  const at = `bindings.${pool.name}`;
  const problem = (path: string, message: string, fix: string): Problem => ({ code: 'LBKIT_K8S_PLACEMENT', path, message, fix, target: ctx.target });
  if ('selector' in binding) {
    return {
      problems: [
        problem(at, `pool '${pool.name}' is bound by selector, which only k8s-service uses`, "bind it to a Service ({ service: 'name' }) or to addresses"),
      ],
    };
  }
  if ('service' in binding) {
    const problems = [
      ...(DNS_LABEL.test(binding.service) && binding.service.length <= 63
        ? []
        : [problem(`${at}.service`, `'${binding.service}' is no Service name`, 'a DNS-1123 label: lower-case letters, digits and -, at most 63')]),
      ...(binding.namespace === undefined || DNS_LABEL.test(binding.namespace)
        ? []
        : [problem(`${at}.namespace`, `'${binding.namespace}' is no namespace name`, 'a DNS-1123 label')]),
    ];
    const ns = binding.namespace && binding.namespace !== ctx.namespace ? { namespace: binding.namespace } : {};
    return problems.length
      ? { problems }
      : { backend: { pool: pool.name, ref: { name: binding.service, ...ns, port: binding.port ?? pool.port }, objects: [] }, problems: [] };
  }
  const bad = binding.addresses.map((a, i) => [a, i] as const).filter(([a]) => isIP(a) === 0);
  const families = new Set(binding.addresses.map((a) => isIP(a)).filter((f) => f !== 0));
  const problems = [
    ...(binding.addresses.length ? [] : [problem(`${at}.addresses`, 'no addresses', 'give at least one IP address')]),
    ...bad.map(([a, i]) =>
      problem(`${at}.addresses[${i}]`, `'${a}' is no IP address`, 'an IPv4 or IPv6 address (EndpointSlice endpoints are addresses, not host names)'),
    ),
    ...(families.size > 1 ? [problem(`${at}.addresses`, 'IPv4 and IPv6 addresses mixed', 'one EndpointSlice has one addressType: bind one family')] : []),
  ];
  if (problems.length) return { problems };
  const port = binding.port ?? pool.port;
  const name = objectName(ctx.model.name, pool.name);
  const protocol = pool.protocol === 'udp' ? 'UDP' : 'TCP';
  const service: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ctx, name),
    spec: { ports: [{ name: 'member', protocol, ...appProtocol(pool), port, targetPort: port }] },
  };
  const slice = endpointSlice(ctx, name, binding.addresses, { name: 'member', protocol, port });
  return { backend: { pool: pool.name, ref: { name, port }, objects: [service, slice] }, problems: [] };
}

/**
 * HTTP/2 in clear to the members (grpc pools, http pools with http2): the Service port's appProtocol kubernetes.io/h2c
 * (GEP-1911, https://gateway-api.sigs.k8s.io/guides/backend-protocol/). TLS pools negotiate h2 by ALPN instead.
 */
function appProtocol(pool: PoolModel): { appProtocol?: string } {
  return pool.protocol === 'grpc' || (pool.protocol === 'http' && pool.http2) ? { appProtocol: 'kubernetes.io/h2c' } : {};
}

export function backendRefOf(ref: BackendRef, weight?: number): Record<string, unknown> {
  return { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), port: ref.port, ...(weight !== undefined ? { weight } : {}) };
}
