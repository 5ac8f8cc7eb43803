/**
 * The EndpointSlice naming a selector-less Service's addresses (https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/):
 * the label kubernetes.io/service-name ties it to the Service; one slice has one addressType, so callers report mixed families.
 */
import { isIP } from 'node:net';
import type { K8sObject } from '../objects';
import { meta, type PlanContext } from './context';
import { objectName } from './names';

export interface SlicePort {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
}

/** The EndpointSlice of Service `service` listing `addresses` (all ready) on `port`. */
export function endpointSlice(ctx: PlanContext, service: string, addresses: readonly string[], port: SlicePort): K8sObject {
  const families = new Set(addresses.map((a) => isIP(a)));
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { ...meta(ctx, objectName(service, 'members')), labels: { ...ctx.labels, 'kubernetes.io/service-name': service } },
    addressType: families.has(6) ? 'IPv6' : 'IPv4',
    endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
    ports: [{ ...port }],
  };
}
