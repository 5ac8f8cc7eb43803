/**
 * L4 frontends to an Azure Load Balancer (Standard SKU): one frontend IP configuration, backend pool and
 * load-balancing rule per IP version, one probe per pool. Every value the rule and probe accept is set.
 */
import type { ModelScope } from '../../../lib/capabilities/features';
import type { FrontendModel, LoadBalancerModel, PoolModel } from '../../../lib/model/types';
import { checkLoadBalancerLimits } from './limits';
import { childName, versionSuffix } from './names';
import { planning, type PlanProblems } from './problems';
import type { IpVersion, LbProbePlan, LbRulePlan, LoadBalancerPlan } from './types';
import { written } from './written';
import { protectedIps } from './ddos';

export function ipVersionsOf(scope: ModelScope): IpVersion[] {
  return scope.model.ipAddressType === 'dualstack' ? ['IPv4', 'IPv6'] : ['IPv4'];
}

/** Backend pool name of a spec pool for an IP version: the pool name, '-ipv6' for the IPv6 twin. */
export function lbPoolName(pool: string, version: IpVersion): string {
  return childName(pool, versionSuffix(version));
}

/**
 * The Load Balancer of the scope's frontends (none without one). Problems go to `problems`; without it, they
 * throw AzurePlanError once the plan is done.
 */
export function planLoadBalancer(scope: ModelScope, prefix: string, problems?: PlanProblems): LoadBalancerPlan | undefined {
  if (!scope.frontends.length) return undefined;
  return planning(problems, 'azure-lb', (found) => {
    const plan = layOut(scope, prefix, found);
    checkLoadBalancerLimits(plan, found);
    return plan;
  });
}

function layOut(scope: ModelScope, prefix: string, problems: PlanProblems): LoadBalancerPlan {
  const internal = scope.model.scheme === 'internal';
  const versions = ipVersionsOf(scope);
  const name = `${prefix}-lb`;
  const publicIps = protectedIps(scope, internal ? [] : versions.map((v) => ({ name: `${name}-${v.toLowerCase()}`, ipVersion: v })), problems);
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
    probes: pools.map((p) => probeOf(p)),
    rules: scope.frontends.flatMap((f) => {
      const pool = poolOf(f, pools, problems);
      return pool ? versions.map((v) => ruleOf(scope.model, f, v, pool)) : [];
    }),
  };
}

/** The one pool a frontend's rule sends to; undefined (and a problem) for an action a rule cannot take. */
function poolOf(f: FrontendModel, pools: readonly PoolModel[], problems: PlanProblems): PoolModel | undefined {
  const action = f.defaultAction;
  // The capability table refuses every other action on azure-lb (a weighted split is unsupported).
  if (action?.type !== 'forward') {
    problems.refuse(
      `${f.path}.defaultAction`,
      `azure-lb forwards to one pool: a load-balancing rule cannot take a ${action?.type ?? 'missing'} action`,
      'forward to one pool',
    );
    return undefined;
  }
  // A scope from scopeOf (lib/capabilities/check.ts) holds every pool its frontends reach.
  const pool = pools.find((p) => p.name === action.pool);
  if (!pool)
    problems.refuse(
      `${f.path}.defaultAction.forward.pool`,
      `pool '${action.pool}' is not in the scope planned for azure-lb`,
      'plan the scope scopeOf gives, which holds every pool its frontends reach',
    );
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
    // lbkit's fail-open is kept when left out: Azure supports it natively, and the tests and snapshots of
    // azure-lb assert it (Azure's own default, AllProbedDown, is listed in SEMANTICS.md).
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

function ruleOf(model: LoadBalancerModel, f: FrontendModel, version: IpVersion, pool: PoolModel): LbRulePlan {
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
    // The capability check accepts only whole minutes within 4-100 for tcp (LB_IDLE_MINUTES). Left out, the rule
    // keeps Azure's own 4 minutes (https://learn.microsoft.com/azure/load-balancer/load-balancer-tcp-idle-timeout).
    ...(tcp && written(model, `${f.path}.idleTimeoutSeconds`) ? { idleTimeoutInMinutes: f.idleTimeoutSeconds / 60 } : {}),
    // A reset tells both ends when an idle flow is dropped, as a proxy closing the connection would.
    enableTcpReset: tcp,
    // Members keep their own outbound path; the frontend address is for inbound flows only.
    disableOutboundSnat: true,
    enableFloatingIP: false,
  };
}
