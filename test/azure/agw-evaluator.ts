/**
 * Which target a compiled Application Gateway gives a request, as Azure documents the evaluation
 * (multiple-site-overview, url-route-overview): routing rules by ascending priority, the first whose listener
 * matches the request's port and host takes it (host names compared case-insensitively, '*' any characters,
 * '?' one); a basic rule answers directly, a path-based rule walks its URL path map's path rules in order, a
 * pattern ending in '*' matching by prefix and any other pattern exactly, case-insensitively; no path rule
 * matching: the map's default. Written from the docs, not from the plan code, so that it can disagree.
 */
import type { AgwTarget, ApplicationGatewayPlan, HttpListenerPlan } from '../../providers/azure/plan/types';

function globToRegex(pattern: string): RegExp {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

function hostOf(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, '');
}

export function listenerFor(plan: ApplicationGatewayPlan, port: number, host: string, ipVersion: 'IPv4' | 'IPv6' = 'IPv4'): HttpListenerPlan | undefined {
  const h = hostOf(host);
  for (const rule of [...plan.requestRoutingRules].sort((a, b) => a.priority - b.priority)) {
    const listener = plan.httpListeners.find((l) => l.name === rule.httpListener.name)!;
    const listenerPort = plan.frontendPorts.find((p) => p.name === listener.frontendPort.name)!.port;
    if (listenerPort !== port || listener.ipVersion !== ipVersion) continue;
    if (!listener.hostNames.length || listener.hostNames.some((n) => globToRegex(n).test(h))) return listener;
  }
  return undefined;
}

export function agwRoute(plan: ApplicationGatewayPlan, port: number, host: string, path: string): AgwTarget | undefined {
  const listener = listenerFor(plan, port, host);
  if (!listener) return undefined;
  const rule = plan.requestRoutingRules.find((r) => r.httpListener.name === listener.name)!;
  if (rule.ruleType === 'Basic') return rule.target;
  const map = plan.urlPathMaps.find((m) => m.name === rule.urlPathMap!.name)!;
  const lower = path.toLowerCase();
  for (const pathRule of map.pathRules) {
    const hit = pathRule.paths.some((p) => (p.endsWith('*') ? lower.startsWith(p.slice(0, -1).toLowerCase()) : lower === p.toLowerCase()));
    if (hit) return pathRule.target;
  }
  return map.defaultTarget;
}

/** A target as a short string: 'pool:<name>' or 'redirect:<name>'. */
export function targetName(t: AgwTarget | undefined): string {
  if (!t) return 'none';
  return t.kind === 'forward' ? `pool:${t.pool}` : `redirect:${t.redirectConfiguration.name}`;
}
