/**
 * L4 frontends to an Azure Load Balancer (Standard SKU): one frontend IP configuration, backend pool and
 * load-balancing rule per IP version, one probe per pool. Every value the rule and probe accept is set.
 */
import type { ModelScope } from '../../../lib/capabilities/features';
import type { FrontendModel, PoolModel } from '../../../lib/model/types';
import { LbkitError } from '../../../lib/errors';
import { childName, versionSuffix } from './names';
import type { IpVersion, LbProbePlan, LbRulePlan, LoadBalancerPlan } from './types';

export function ipVersionsOf(scope: ModelScope): IpVersion[] {
  return scope.model.ipAddressType === 'dualstack' ? ['IPv4', 'IPv6'] : ['IPv4'];
}

/** Backend pool name of a spec pool for an IP version: the pool name, '-ipv6' for the IPv6 twin. */
export function lbPoolName(pool: string, version: IpVersion): string {
  return childName(pool, versionSuffix(version));
}

export function planLoadBalancer(scope: ModelScope, prefix: string): LoadBalancerPlan | undefined {
  if (!scope.frontends.length) return undefined;
  const internal = scope.model.scheme === 'internal';
  const versions = ipVersionsOf(scope);
  const name = `${prefix}-lb`;
  const publicIps = internal ? [] : versions.map((v) => ({ name: `${name}-${v.toLowerCase()}`, ipVersion: v }));
  const frontendIPConfigurations = versions.map((v) => ({
    name: v.toLowerCase(),
    ipVersion: v,
    ...(internal ? {} : { publicIp: `${name}-${v.toLowerCase()}` }),
  }));
  const pools = scope.pools;
  return {
    name,
    internal,
    ipVersions: versions,
    publicIps,
    frontendIPConfigurations,
    backendAddressPools: pools.flatMap((p) => versions.map((v) => ({ name: lbPoolName(p.name, v), pool: p.name, ipVersion: v }))),
    probes: pools.map(probeOf),
    rules: scope.frontends.flatMap((f) => versions.map((v) => ruleOf(f, v, poolOf(f, pools)))),
  };
}

function poolOf(f: FrontendModel, pools: readonly PoolModel[]): PoolModel {
  const action = f.defaultAction;
  // The capability check has rejected every other action on azure-lb before a plan is made.
  if (action?.type !== 'forward') throw new LbkitError('LBKIT_AZURE_PLAN', `${f.path}.defaultAction: azure-lb forwards to one pool`);
  const pool = pools.find((p) => p.name === action.pool);
  if (!pool) throw new LbkitError('LBKIT_AZURE_PLAN', `${f.path}.defaultAction: pool '${action.pool}' is not in scope`);
  return pool;
}

function probeOf(p: PoolModel): LbProbePlan {
  const hc = p.healthCheck;
  const protocol = hc.protocol === 'tcp' ? 'Tcp' : hc.protocol === 'http' ? 'Http' : 'Https';
  return {
    name: p.name,
    pool: p.name,
    protocol,
    port: hc.port,
    ...(hc.path !== undefined && protocol !== 'Tcp' ? { requestPath: hc.path } : {}),
    intervalInSeconds: hc.intervalSeconds,
    // Azure has one count for both directions; with different thresholds the capability check has asked for
    // the nearest mapping, which keeps the unhealthy threshold (how fast a failing member leaves).
    probeThreshold: hc.unhealthyThreshold,
    noHealthyBackendsBehavior: p.whenAllUnhealthy === 'fail-open' ? 'AllProbedUp' : 'AllProbedDown',
  };
}

/**
 * 5-tuple hash unless the pool asks for client affinity: ip-hash and source-ip persistence both keep a
 * client (source and destination address) on one member, across protocols, which is SourceIP.
 */
export function loadDistributionOf(p: PoolModel): LbRulePlan['loadDistribution'] {
  return p.algorithm === 'ip-hash' || p.sessionPersistence?.type === 'source-ip' ? 'SourceIP' : 'Default';
}

function ruleOf(f: FrontendModel, version: IpVersion, pool: PoolModel): LbRulePlan {
  const tcp = f.protocol !== 'udp';
  return {
    name: childName(f.name, versionSuffix(version)),
    frontend: f.name,
    ipVersion: version,
    frontendIPConfiguration: { collection: 'frontendIPConfigurations', name: version.toLowerCase() },
    backendAddressPool: { collection: 'backendAddressPools', name: lbPoolName(pool.name, version) },
    probe: { collection: 'probes', name: pool.name },
    protocol: tcp ? 'Tcp' : 'Udp',
    frontendPort: f.port,
    backendPort: pool.port,
    loadDistribution: loadDistributionOf(pool),
    // The capability check accepts only whole minutes within 4-30 for tcp.
    ...(tcp ? { idleTimeoutInMinutes: f.idleTimeoutSeconds / 60 } : {}),
    // A reset tells both ends when an idle flow is dropped, as a proxy closing the connection would.
    enableTcpReset: tcp,
    // Members keep their own outbound path; the frontend address is for inbound flows only.
    disableOutboundSnat: true,
    enableFloatingIP: false,
  };
}
