/**
 * `lbkit plan --target gcp-*`: the resources the GCP component would create for a spec, read from the same
 * plan the renderer uses. No Pulumi here: the CLI loads this without the cloud SDKs.
 */
import type { PlannedResource } from '../../lib/backend';
import { GCP_DEFAULTS as D } from './plan/defaults';
import type { GcpPlan, HeaderActionPlan, MatchRulePlan, RouteRulePlan, RouteTarget } from './plan/types';

/** A value the plan sets, or GCP's own default when the spec left the field out (marked so). */
const orDefault = (value: number | undefined, fallback: number, unit = '') => (value !== undefined ? `${value}${unit}` : `${fallback}${unit} (GCP default)`);

const token = (module: string, type: string) => `gcp:${module}/${type.charAt(0).toLowerCase()}${type.slice(1)}:${type}`;
/** Pulumi type tokens, global or regional. */
const T = {
  address: (regional: boolean) => token('compute', regional ? 'Address' : 'GlobalAddress'),
  healthCheck: (regional: boolean) => token('compute', regional ? 'RegionHealthCheck' : 'HealthCheck'),
  backendService: (regional: boolean) => token('compute', regional ? 'RegionBackendService' : 'BackendService'),
  securityPolicy: (regional: boolean) => token('compute', regional ? 'RegionSecurityPolicy' : 'SecurityPolicy'),
  sslPolicy: (regional: boolean) => token('compute', regional ? 'RegionSslPolicy' : 'SSLPolicy'),
  urlMap: (regional: boolean) => token('compute', regional ? 'RegionUrlMap' : 'URLMap'),
  forwardingRule: (regional: boolean) => token('compute', regional ? 'ForwardingRule' : 'GlobalForwardingRule'),
  proxy: {
    http: ['TargetHttpProxy', 'RegionTargetHttpProxy'],
    https: ['TargetHttpsProxy', 'RegionTargetHttpsProxy'],
    tcp: ['TargetTCPProxy', 'RegionTargetTcpProxy'],
    ssl: ['TargetSSLProxy', 'TargetSSLProxy'],
  },
};

function target(t: RouteTarget): string {
  switch (t.kind) {
    case 'service':
      return `-> ${t.backendService}`;
    case 'weighted':
      return `-> ${t.services.map((s) => `${s.backendService}=${s.weight}`).join(' ')}`;
    case 'redirect': {
      const r = t.redirect;
      return `redirect ${r.redirectResponseCode}${r.httpsRedirect ? ' https' : ''}${r.hostRedirect ? ` host ${r.hostRedirect}` : ''}${r.pathRedirect ? ` path ${r.pathRedirect}` : ''}${r.prefixRedirect ? ` prefix ${r.prefixRedirect}` : ''}${r.stripQuery ? ' strip query' : ''}`;
    }
    case 'not-found':
      return `404 (no frontend serves the host; abort beside ${t.backendService})`;
    case 'unsupported':
      return `(${t.what}: not expressible on GCP)`;
  }
}

function match(m: MatchRulePlan): string {
  const path = `${m.fullPathMatch !== undefined ? `path = ${m.fullPathMatch}` : m.prefixMatch !== undefined ? `path ^ ${m.prefixMatch}` : `path ~ ${m.regexMatch}`}${m.ignoreCase ? ' (any case)' : ''}`;
  const headers = m.headerMatches.map((h) =>
    'presentMatch' in h
      ? `${h.headerName} present`
      : 'exactMatch' in h
        ? `${h.headerName} = ${h.exactMatch}`
        : 'prefixMatch' in h
          ? `${h.headerName} ^ ${h.prefixMatch}`
          : `${h.headerName} ~ ${h.regexMatch}`,
  );
  const query = m.queryParameterMatches.map((q) =>
    'presentMatch' in q ? `?${q.name}` : 'exactMatch' in q ? `?${q.name} = ${q.exactMatch}` : `?${q.name} ~ ${q.regexMatch}`,
  );
  return [path, ...headers, ...query].join(' & ');
}

/** A route rule's header changes, URL rewrite, timeout and retries (issue 16), as `lbkit plan` lists them. */
function filters(r: RouteRulePlan): string {
  const parts: string[] = [];
  const h = r.headerAction;
  if (h) {
    const changes = (adds: HeaderActionPlan['requestHeadersToAdd'], removes: readonly string[]) =>
      [...adds.map((a) => `${a.replace ? 'set' : 'add'} ${a.headerName}`), ...removes.map((n) => `remove ${n}`)].join(', ');
    if (h.requestHeadersToAdd.length || h.requestHeadersToRemove.length)
      parts.push(`request headers: ${changes(h.requestHeadersToAdd, h.requestHeadersToRemove)}`);
    if (h.responseHeadersToAdd.length || h.responseHeadersToRemove.length)
      parts.push(`response headers: ${changes(h.responseHeadersToAdd, h.responseHeadersToRemove)}`);
  }
  if (r.hostRewrite !== undefined) parts.push(`host rewritten to ${r.hostRewrite}`);
  if (r.pathPrefixRewrite !== undefined) parts.push(`matched path rewritten to ${r.pathPrefixRewrite}`);
  if (r.timeoutSec !== undefined) parts.push(`timeout ${r.timeoutSec}s`);
  const retry = r.retryPolicy;
  if (retry)
    parts.push(
      `${retry.numRetries} retries on ${retry.retryConditions.join(', ')}${retry.perTryTimeoutSec !== undefined ? `, ${retry.perTryTimeoutSec}s per try` : ''}`,
    );
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export function describePlan(plan: GcpPlan): PlannedResource[] {
  const out: PlannedResource[] = [];
  if (plan.needsProxyOnlySubnet)
    out.push({ type: token('compute', 'Subnetwork'), id: 'proxy-only-subnet', detail: 'purpose REGIONAL_MANAGED_PROXY (or the existing one)' });
  for (const a of plan.addresses)
    out.push({ type: T.address(a.regional), id: a.id, detail: `${a.internal ? 'internal' : 'external'} ${a.ipVersion}${a.shared ? ', shared' : ''}` });
  for (const h of plan.healthChecks) {
    out.push({
      type: T.healthCheck(h.regional),
      id: h.id,
      detail: `${h.protocol}:${h.port}${h.requestPath ?? ''} every ${orDefault(h.checkIntervalSec, D.healthCheck.checkIntervalSec, 's')}, timeout ${orDefault(h.timeoutSec, D.healthCheck.timeoutSec, 's')}, healthy ${orDefault(h.healthyThreshold, D.healthCheck.healthyThreshold)}, unhealthy ${orDefault(h.unhealthyThreshold, D.healthCheck.unhealthyThreshold)}`,
    });
  }
  for (const p of plan.securityPolicies) {
    out.push({
      type: T.securityPolicy(p.regional),
      id: p.id,
      detail: `Cloud Armor for ${p.frontends.join(', ')}: ${p.rules.map((r) => `${r.priority} ${r.action}${r.preview ? ' (preview)' : ''}${r.rateLimit ? ` ${r.rateLimit.count}/${r.rateLimit.intervalSec}s by ${r.rateLimit.enforceOnKey}` : ''}`).join('; ')}${p.adaptiveProtection ? '; Adaptive Protection' : ''}`,
    });
  }
  if (plan.networkDdos) {
    const frontends = plan.networkDdos.frontends.join(', ');
    out.push({
      type: T.securityPolicy(true),
      id: plan.networkDdos.id,
      detail: `CLOUD_ARMOR_NETWORK, ddosProtection ADVANCED (for ${frontends}; covers the region)`,
    });
    out.push({
      type: token('compute', 'NetworkEdgeSecurityService'),
      id: 'network-edge-security',
      detail: `the region's network edge security service, policy ${plan.networkDdos.id}`,
    });
  }
  for (const s of plan.backendServices) {
    const details = [
      s.scheme,
      s.protocol,
      s.localityLbPolicy,
      `affinity ${s.sessionAffinity ?? 'NONE (GCP default)'}`,
      `draining ${orDefault(s.connectionDrainingTimeoutSec, D.connectionDrainingTimeoutSec, 's')}`,
      s.outlierDetection ? `outlier ${s.outlierDetection.consecutiveErrors} errors` : undefined,
      s.securityPolicy ? `armor ${s.securityPolicy}` : undefined,
    ].filter(Boolean);
    out.push({ type: T.backendService(s.regional), id: s.id, detail: `pool ${s.pool}: ${details.join(', ')}` });
  }
  for (const p of plan.sslPolicies) out.push({ type: T.sslPolicy(p.regional), id: p.id, detail: `${p.profile}, ${p.minTlsVersion}` });
  for (const p of plan.mtlsPolicies)
    out.push({ type: token('networksecurity', 'ServerTlsPolicy'), id: p.id, detail: `${p.clientValidationMode}, trust store ${p.trustStore}` });
  for (const u of plan.urlMaps) {
    out.push({
      type: T.urlMap(u.regional),
      id: u.id,
      detail: `frontend ${[u.frontend, ...(u.sharedWith ?? []).map((x) => x.frontend)].join(', ')}: ${u.hostRules.map((h) => `${h.hosts.join(',')} -> ${h.pathMatcher}`).join('; ') || 'no host rules'}; default ${target(u.default)}`,
    });
    for (const pm of u.pathMatchers) {
      for (const r of pm.routeRules)
        out.push({
          type: 'route rule',
          id: `${u.id}/${pm.name}/${r.priority}`,
          detail: `${r.rule}: ${r.matchRules.map(match).join(' | ')} ${target(r.target)}${filters(r)}`,
        });
    }
  }
  for (const p of plan.proxies) {
    const [global, regional] = T.proxy[p.kind];
    const isRegional = p.kind !== 'ssl' && p.regional;
    const via = p.kind === 'http' || p.kind === 'https' ? p.urlMap : p.backendService;
    out.push({
      type: token('compute', isRegional ? regional : global),
      id: p.id,
      detail: `frontend ${p.frontend} -> ${via}${p.kind === 'https' || p.kind === 'ssl' ? `, certificates ${p.certificates.join(', ')}, ${p.sslPolicy}` : ''}`,
    });
  }
  for (const r of plan.forwardingRules) {
    const to = 'proxy' in r.target ? r.target.proxy : r.target.backendService;
    out.push({
      type: T.forwardingRule(r.regional),
      id: r.id,
      detail: `${r.scheme} ${r.ipProtocol}:${r.port} on ${r.address} -> ${to}${r.sourceIpRanges ? ` from ${r.sourceIpRanges.join(', ')}` : ''}`,
    });
  }
  for (const f of plan.firewalls) {
    out.push({
      type: token('compute', 'Firewall'),
      id: f.id,
      detail: `${'ranges' in f.source ? f.source.ranges.join(', ') : 'proxy-only subnet'} -> ${f.allow.map((a) => `${a.protocol}:${a.ports.join(',')}`).join(' ')}`,
    });
  }
  return out;
}
