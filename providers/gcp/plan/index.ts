/**
 * The GCP shape of a model, computed once: which target each frontend compiles to, and every resource the
 * renderer creates (as plain data). `lbkit plan` describes it; the Pulumi component renders it.
 */
import { reachedPoolModels } from '../../../lib/model/derived';
import { written } from '../../../lib/model/targets';
import type { FrontendModel, LoadBalancerModel } from '../../../lib/model/types';
import type { GcpTargetId } from '../targets';
import { alertPolicies } from './alerts';
import { securityPolicies } from './armor';
import { albBackendService, healthCheckPlan, l4BackendService } from './backends';
import { frontendsByPort, needsBinding } from '../../../lib/model/listeners';
import { proxyCertificates } from './certificates';
import { sharedUrlMapPlan } from './listeners';
import { albBackendServiceId, urlMapPlan } from './routing';
import type {
  AddressPlan,
  BackendServicePlan,
  FirewallPlan,
  Flavor,
  ForwardingRulePlan,
  GcpPlan,
  GcpPlanOptions,
  HealthCheckPlan,
  IpVersion,
  MtlsPolicyPlan,
  NetworkLoadBalancerKind,
  SecurityPolicyPlan,
  SslPolicyPlan,
  TargetProxyPlan,
  UrlMapPlan,
} from './types';

export * from './types';

/** Google's health-check probe ranges (IPv4), per https://cloud.google.com/load-balancing/docs/firewall-rules. */
export const HEALTH_CHECK_RANGES = ['35.191.0.0/16', '130.211.0.0/22'] as const;
/** External passthrough Network Load Balancers probe from these instead. */
export const PASSTHROUGH_HEALTH_CHECK_RANGES = ['35.191.0.0/16', '209.85.152.0/22', '209.85.204.0/22'] as const;
/** Internal passthrough clients when a frontend names none: the private address space. */
export const DEFAULT_INTERNAL_CLIENT_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

const poolsOf = reachedPoolModels;

/**
 * tls: the proxy NLB (only a proxy terminates TLS). udp: passthrough (proxies are TCP only). tcp: passthrough
 * when the pool listens on the frontend's port (passthrough cannot translate ports), otherwise the proxy NLB.
 */
export function defaultNetworkLoadBalancerKind(model: LoadBalancerModel, f: FrontendModel): NetworkLoadBalancerKind {
  if (f.protocol === 'tls') return 'proxy';
  if (f.protocol === 'udp') return 'passthrough';
  return poolsOf(model, f).every((p) => p.port === f.port) ? 'passthrough' : 'proxy';
}

const versions = (model: LoadBalancerModel): IpVersion[] => (model.ipAddressType === 'dualstack' ? ['IPV4', 'IPV6'] : ['IPV4']);
const v = (version: IpVersion) => (version === 'IPV4' ? 'v4' : 'v6');
const addressId = (flavor: Flavor, regional: boolean, version: IpVersion) => `ip-${flavor}-${regional ? 'regional' : 'global'}-${v(version)}`;
const isV6 = (cidr: string) => cidr.includes(':');

/** TLS 1.2: the MODERN profile; TLS 1.3: RESTRICTED (the profile GCP pairs with it). */
function sslPolicyPlan(f: FrontendModel, regional: boolean): SslPolicyPlan {
  const tls13 = f.tls?.minimumVersion === '1.3';
  return { id: `ssl-${f.name}`, regional, profile: tls13 ? 'RESTRICTED' : 'MODERN', minTlsVersion: tls13 ? 'TLS_1_3' : 'TLS_1_2' };
}

interface Builder {
  backendServices: BackendServicePlan[];
  healthChecks: HealthCheckPlan[];
  proxies: TargetProxyPlan[];
  forwardingRules: ForwardingRulePlan[];
}

function addForwardingRules(b: Builder, model: LoadBalancerModel, f: FrontendModel, base: Omit<ForwardingRulePlan, 'id' | 'ipVersion' | 'address'>) {
  for (const version of versions(model)) {
    b.forwardingRules.push({ ...base, id: `fr-${f.name}-${v(version)}`, ipVersion: version, address: addressId(base.flavor, base.regional, version) });
  }
}

function planAlb(model: LoadBalancerModel, frontends: readonly FrontendModel[], regional: boolean, b: Builder, options: GcpPlanOptions) {
  const internal = model.scheme === 'internal';
  const scheme = internal ? 'INTERNAL_MANAGED' : 'EXTERNAL_MANAGED';
  const armor = securityPolicies(model, frontends, regional);
  const pools = [...new Set(frontends.flatMap((f) => poolsOf(model, f)))];
  for (const pool of pools) {
    // Every frontend reaching a pool asks for the same protection (range-checked); the first one's policy applies.
    const policy = pool.usedBy.map((name) => armor.byFrontend.get(name)).find((id) => id !== undefined);
    b.backendServices.push(albBackendService(model, pool, { regional, scheme, ...(policy ? { securityPolicy: policy } : {}) }));
    b.healthChecks.push(healthCheckPlan(model, pool, `hc-${pool.name}`, regional));
  }
  const urlMaps: UrlMapPlan[] = [];
  const sslPolicies: SslPolicyPlan[] = [];
  const mtlsPolicies: MtlsPolicyPlan[] = [];
  // Frontends sharing a port (listeners with host names) share one URL map, target proxy and forwarding rules,
  // named after the first; their connection settings agree (lib/spec/semantic-listeners.ts).
  for (const group of frontendsByPort(frontends)) {
    const f = group[0];
    const urlMap = needsBinding(group)
      ? sharedUrlMapPlan(group, regional, options.routePriorities, pools[0] && albBackendServiceId(pools[0].name))
      : urlMapPlan(f, regional, options.routePriorities?.[f.name]);
    // Left out, the keep-alive is GCP's own (plan/defaults.ts).
    const keepAlive = group.some((x) => written(model, `${x.path}.idleTimeoutSeconds`)) ? { keepAliveSec: f.idleTimeoutSeconds } : {};
    urlMaps.push(urlMap);
    if (f.tls) {
      sslPolicies.push(sslPolicyPlan(f, regional));
      const trust = f.tls.clientCertificateTrust;
      if (trust) {
        mtlsPolicies.push({
          id: `mtls-${f.name}`,
          trustStore: trust.trustStore,
          clientValidationMode: trust.mode === 'verify' ? 'REJECT_INVALID' : 'ALLOW_INVALID_OR_MISSING_CLIENT_CERT',
        });
      }
      b.proxies.push({
        kind: 'https',
        id: `https-proxy-${f.name}`,
        frontend: f.name,
        regional,
        urlMap: urlMap.id,
        ...keepAlive,
        certificates: proxyCertificates(group),
        sslPolicy: `ssl-${f.name}`,
        ...(trust ? { mtlsPolicy: `mtls-${f.name}` } : {}),
      });
    } else {
      b.proxies.push({ kind: 'http', id: `http-proxy-${f.name}`, frontend: f.name, regional, urlMap: urlMap.id, ...keepAlive });
    }
    addForwardingRules(b, model, f, {
      frontend: f.name,
      flavor: 'alb',
      regional,
      internal,
      scheme,
      ipProtocol: 'TCP',
      port: f.port,
      target: { proxy: f.tls ? `https-proxy-${f.name}` : `http-proxy-${f.name}` },
    });
  }
  return { urlMaps, sslPolicies, mtlsPolicies, securityPolicies: armor.policies };
}

function planNetworkLb(model: LoadBalancerModel, f: FrontendModel, kind: NetworkLoadBalancerKind, global: boolean, b: Builder): SslPolicyPlan | undefined {
  const internal = model.scheme === 'internal';
  const pool = poolsOf(model, f)[0];
  // An L4 frontend forwards to one pool; any other action is a capability error, reported elsewhere.
  if (!pool) return undefined;
  // tls needs the target SSL proxy, which is global only; tcp proxies follow the placement.
  const regional = kind === 'passthrough' || (f.protocol !== 'tls' && (!global || internal));
  const service = l4BackendService(model, f, pool, kind, regional);
  b.backendServices.push(service);
  b.healthChecks.push(healthCheckPlan(model, pool, service.healthCheck, regional));
  let sslPolicy: SslPolicyPlan | undefined;
  if (kind === 'proxy') {
    if (f.tls) {
      sslPolicy = sslPolicyPlan(f, false);
      b.proxies.push({
        kind: 'ssl',
        id: `ssl-proxy-${f.name}`,
        frontend: f.name,
        backendService: service.id,
        certificates: [f.tls.certificate, ...f.tls.additionalCertificates],
        sslPolicy: sslPolicy.id,
      });
    } else {
      b.proxies.push({ kind: 'tcp', id: `tcp-proxy-${f.name}`, frontend: f.name, regional, backendService: service.id });
    }
  }
  addForwardingRules(b, model, f, {
    frontend: f.name,
    flavor: kind,
    regional,
    internal,
    scheme: service.scheme,
    ipProtocol: f.protocol === 'udp' ? 'UDP' : 'TCP',
    port: f.port,
    target: kind === 'proxy' ? { proxy: f.tls ? `ssl-proxy-${f.name}` : `tcp-proxy-${f.name}` } : { backendService: service.id },
    ...(kind === 'passthrough' && !internal && f.allowedSourceCidrs.length ? { sourceIpRanges: f.allowedSourceCidrs } : {}),
  });
  return sslPolicy;
}

/**
 * Advanced network DDoS protection covers external passthrough load balancers, protocol forwarding and VMs with
 * external IPs of the region (https://cloud.google.com/armor/docs/advanced-network-ddos), not internal ones.
 */
function networkDdos(model: LoadBalancerModel, passthrough: readonly string[]): Pick<GcpPlan, 'networkDdos'> {
  const p = model.protection;
  const frontends = p?.ddos === 'advanced' && model.scheme !== 'internal' ? passthrough.filter((name) => p.frontends.includes(name)) : [];
  return frontends.length ? { networkDdos: { id: 'armor-network', frontends } } : {};
}

const unique = (ports: number[]) => [...new Set(ports)].sort((a, c) => a - c);

function firewalls(
  model: LoadBalancerModel,
  frontends: readonly FrontendModel[],
  services: readonly BackendServicePlan[],
  checks: readonly HealthCheckPlan[],
  options: GcpPlanOptions,
): FirewallPlan[] {
  const hcPort = (s: BackendServicePlan) => checks.find((c) => c.id === s.healthCheck)!.port;
  const externalPassthrough = services.filter((s) => s.scheme === 'EXTERNAL');
  const probedByGoogle = services.filter((s) => s.scheme !== 'EXTERNAL');
  // Global proxies (Google Front Ends) also send the traffic itself from the health-check ranges.
  const gfeTraffic = probedByGoogle.filter((s) => !s.regional && s.flavor !== 'passthrough');
  const envoy = services.filter((s) => s.regional && s.flavor !== 'passthrough');
  const out: FirewallPlan[] = [];
  if (probedByGoogle.length) {
    out.push({
      id: 'fw-health-checks',
      description: gfeTraffic.length ? 'Google health checks and Google Front End traffic to the members' : 'Google health checks to the members',
      source: { ranges: [...HEALTH_CHECK_RANGES] },
      allow: [{ protocol: 'tcp', ports: unique([...probedByGoogle.map(hcPort), ...gfeTraffic.map((s) => s.port)]) }],
    });
  }
  if (externalPassthrough.length) {
    out.push({
      id: 'fw-health-checks-passthrough',
      description: 'Google health checks of external passthrough load balancers to the members',
      source: { ranges: [...PASSTHROUGH_HEALTH_CHECK_RANGES] },
      allow: [{ protocol: 'tcp', ports: unique(externalPassthrough.map(hcPort)) }],
    });
  }
  if (envoy.length) {
    out.push({
      id: 'fw-proxy-only-subnet',
      description: 'the regional proxies (proxy-only subnet) to the members',
      source: { proxyOnlySubnet: true },
      allow: [{ protocol: 'tcp', ports: unique(envoy.map((s) => s.port)) }],
    });
  }
  // Passthrough delivers the clients' own packets: the members' firewall decides who may connect.
  for (const s of services.filter((x) => x.flavor === 'passthrough')) {
    const f = frontends.find((x) => s.id === `bs-l4-${x.name}`)!;
    const internal = model.scheme === 'internal';
    const everyone = internal
      ? [...(options.internalClientRanges ?? DEFAULT_INTERNAL_CLIENT_RANGES)]
      : ['0.0.0.0/0', ...(model.ipAddressType === 'dualstack' ? ['::/0'] : [])];
    const clients = f.allowedSourceCidrs.length ? f.allowedSourceCidrs : everyone;
    const allow = [{ protocol: f.protocol === 'udp' ? ('udp' as const) : ('tcp' as const), ports: [s.port] }];
    const v4 = clients.filter((c) => !isV6(c));
    const v6 = clients.filter(isV6);
    if (v4.length) out.push({ id: `fw-clients-${f.name}-v4`, description: `clients of frontend ${f.name} (IPv4)`, source: { ranges: v4 }, allow });
    if (v6.length) out.push({ id: `fw-clients-${f.name}-v6`, description: `clients of frontend ${f.name} (IPv6)`, source: { ranges: v6 }, allow });
  }
  return out;
}

/**
 * Plans `frontends` (default: all) of the model. Never throws for a spec a target cannot express: the
 * capability check reports that; the plan is what the renderer would build.
 */
export function planGcp(model: LoadBalancerModel, options: GcpPlanOptions, frontends: readonly FrontendModel[] = model.frontends): GcpPlan {
  const b: Builder = { backendServices: [], healthChecks: [], proxies: [], forwardingRules: [] };
  const internal = model.scheme === 'internal';
  const l7 = frontends.filter((f) => f.layer === 'l7');
  const l4 = frontends
    .filter((f) => f.layer === 'l4')
    .map((f) => ({ f, kind: options.networkLoadBalancers?.[f.name] ?? defaultNetworkLoadBalancerKind(model, f) }));
  const albRegional = !options.global || internal;

  const alb = l7.length
    ? planAlb(model, l7, albRegional, b, options)
    : { urlMaps: [], sslPolicies: [], mtlsPolicies: [], securityPolicies: [] as SecurityPolicyPlan[] };
  const l4SslPolicies = l4.flatMap(({ f, kind }) => planNetworkLb(model, f, kind, options.global, b) ?? []);

  const useCount = new Map<string, number>();
  for (const r of b.forwardingRules) useCount.set(r.address, (useCount.get(r.address) ?? 0) + 1);
  const addresses: AddressPlan[] = [...useCount.keys()].map((id) => {
    const rule = b.forwardingRules.find((r) => r.address === id)!;
    return { id, flavor: rule.flavor, regional: rule.regional, internal: rule.internal, ipVersion: rule.ipVersion, shared: useCount.get(id)! > 1 };
  });
  const named = (kind: NetworkLoadBalancerKind) => l4.filter((x) => x.kind === kind).map((x) => x.f.name);
  const targets: GcpPlan['targets'] = [
    ...(l7.length ? [{ target: (albRegional ? 'gcp-alb-regional' : 'gcp-alb-global') as GcpTargetId, frontends: l7.map((f) => f.name) }] : []),
    ...(named('passthrough').length ? [{ target: 'gcp-nlb-passthrough' as GcpTargetId, frontends: named('passthrough') }] : []),
    ...(named('proxy').length ? [{ target: 'gcp-nlb-proxy' as GcpTargetId, frontends: named('proxy') }] : []),
  ];
  const plan: Omit<GcpPlan, 'alertPolicies'> = {
    name: model.name,
    targets,
    addresses,
    healthChecks: b.healthChecks,
    backendServices: b.backendServices,
    securityPolicies: alb.securityPolicies,
    sslPolicies: [...alb.sslPolicies, ...l4SslPolicies],
    mtlsPolicies: alb.mtlsPolicies,
    urlMaps: alb.urlMaps,
    proxies: b.proxies,
    forwardingRules: b.forwardingRules,
    firewalls: firewalls(
      model,
      l4.map((x) => x.f),
      b.backendServices,
      b.healthChecks,
      options,
    ),
    ...networkDdos(model, named('passthrough')),
    needsProxyOnlySubnet: b.backendServices.some((s) => s.regional && s.flavor !== 'passthrough'),
    certificates: b.proxies.flatMap((p) =>
      p.kind === 'https' || p.kind === 'ssl' ? p.certificates.map((name) => ({ name, regional: p.kind === 'https' && p.regional, frontend: p.frontend })) : [],
    ),
  };
  return { ...plan, alertPolicies: alertPolicies(model, plan) };
}
