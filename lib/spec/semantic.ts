/**
 * Cross-field rules that JSON Schema cannot express: references, duplicates, protocol compatibility,
 * timeouts, CIDRs and regular expressions. Runs on a structurally valid spec and returns every problem.
 */
import { isCanonicalCidr, parseCidr } from '../util/cidr';
import { regexProblem } from '../util/regex';
import { type SpecIssue } from '../errors';
import { Suggester } from './suggest';
import { checkListeners } from './semantic-listeners';
import { checkDefaultActionFilters, checkRedirectPath, checkRuleFilters, checkSessionCookie } from './semantic-filters';
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, PoolSpec } from './schema';
import { DEFAULTS } from '../model/defaults';

export const L7_PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'grpc', 'grpcs']);
/** Pool protocols that carry gRPC (always over HTTP/2). */
export const GRPC_POOL_PROTOCOLS: ReadonlySet<string> = new Set(['grpc', 'grpcs']);
/** Which pool protocols a frontend protocol may forward to. */
export const POOL_PROTOCOLS_FOR: Readonly<Record<string, readonly string[]>> = {
  http: ['http', 'https', 'grpc', 'grpcs'],
  https: ['http', 'https', 'grpc', 'grpcs'],
  tcp: ['tcp'],
  tls: ['tcp', 'tls'],
  udp: ['udp'],
};

export function semanticIssues(spec: LoadBalancerSpec): SpecIssue[] {
  hintsLeft = MAX_HINTS;
  const issues: SpecIssue[] = [];
  const add = (path: string, message: string, fix?: string) => issues.push({ path, message, fix });
  const pools = spec.pools ?? [];
  const poolByName = new Map(pools.map((p) => [p.name, p] as const));
  const certificates = new Set((spec.certificates ?? []).map((c) => c.name));
  const trustStores = new Set((spec.trustStores ?? []).map((t) => t.name));

  duplicates(
    spec.frontends.map((f) => f.name),
    'frontends',
    'frontend',
    add,
  );
  duplicates(
    pools.map((p) => p.name),
    'pools',
    'pool',
    add,
  );
  duplicates(
    (spec.rateLimits ?? []).map((r) => r.name),
    'rateLimits',
    'rate limit',
    add,
  );
  duplicates(
    (spec.certificates ?? []).map((c) => c.name),
    'certificates',
    'certificate',
    add,
  );
  duplicates(
    (spec.trustStores ?? []).map((c) => c.name),
    'trustStores',
    'trust store',
    add,
  );

  // Which frontends may share a port (listeners with host names).
  checkListeners(spec.frontends, add);
  spec.frontends.forEach((frontend, fi) => checkFrontend(frontend, `frontends[${fi}]`, poolByName, certificates, trustStores, add));

  pools.forEach((pool, pi) => {
    checkPool(pool, `pools[${pi}]`, add);
    checkSessionCookie(pool, `pools[${pi}]`, add);
  });

  const frontendByName = new Map(spec.frontends.map((f) => [f.name, f] as const));
  (spec.rateLimits ?? []).forEach((limit, li) => {
    const at = `rateLimits[${li}].scope`;
    limit.scope?.frontends?.forEach((name, i) => {
      const frontend = frontendByName.get(name);
      if (!frontend) add(`${at}.frontends[${i}]`, `unknown frontend '${name}'`, suggest(name, frontendByName, 'frontend'));
      else if (!L7_PROTOCOLS.has(frontend.protocol))
        add(
          `${at}.frontends[${i}]`,
          `rate limits count HTTP requests; frontend '${name}' is ${frontend.protocol}`,
          'scope the rate limit to http or https frontends',
        );
    });
    limit.scope?.rules?.forEach((ref, i) => {
      const [frontendName, ruleName] = ref.split('/');
      const frontend = frontendByName.get(frontendName);
      if (!frontend) add(`${at}.rules[${i}]`, `unknown frontend '${frontendName}' in '${ref}'`, suggest(frontendName, frontendByName, 'frontend'));
      else if (!ruleNamesOf(frontend).has(ruleName)) {
        add(`${at}.rules[${i}]`, `frontend '${frontendName}' has no rule '${ruleName}'`, suggest(ruleName, ruleNamesOf(frontend), 'rule'));
      }
    });
  });
  return issues;
}

type Add = (path: string, message: string, fix?: string) => void;

/**
 * "Did you mean" hints in bounded time: one Suggester (candidates indexed by length) per collection, built
 * once, and at most MAX_HINTS hints per validation; later unknown names get the list of declared ones.
 * (A hint per unknown name over every pool made 10,000 unknown references among 10,000 pools quadratic.)
 */
const MAX_HINTS = 200;
let hintsLeft = MAX_HINTS;
const suggesters = new WeakMap<object, Suggester>();
const ruleNames = new WeakMap<FrontendSpec, Set<string>>();

function ruleNamesOf(frontend: FrontendSpec): Set<string> {
  let names = ruleNames.get(frontend);
  if (!names) ruleNames.set(frontend, (names = new Set((frontend.rules ?? []).map((r) => r.name))));
  return names;
}

function suggest(name: string, candidates: ReadonlyMap<string, unknown> | ReadonlySet<string>, what: string): string {
  let suggester = suggesters.get(candidates);
  if (!suggester) suggesters.set(candidates, (suggester = new Suggester(candidates.keys())));
  if (hintsLeft > 0) {
    hintsLeft--;
    const near = suggester.closest(name);
    if (near) return `did you mean '${near}'?`;
  }
  return suggester.size ? `use one of: ${suggester.list()}` : `declare a ${what} named '${name}'`;
}

function duplicates(names: readonly string[], collection: string, what: string, add: Add): void {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const first = seen.get(n);
    if (first !== undefined)
      add(`${collection}[${i}].name`, `duplicate ${what} name '${n}' (also ${collection}[${first}])`, `rename one of them; ${what} names must be unique`);
    else seen.set(n, i);
  });
}

function checkFrontend(
  frontend: FrontendSpec,
  at: string,
  pools: ReadonlyMap<string, PoolSpec>,
  certificates: ReadonlySet<string>,
  trustStores: ReadonlySet<string>,
  add: Add,
): void {
  const l7 = L7_PROTOCOLS.has(frontend.protocol);
  const needsTls = frontend.protocol === 'https' || frontend.protocol === 'tls';
  if (needsTls && !frontend.tls)
    add(`${at}.tls`, `${frontend.protocol === 'https' ? 'an' : 'a'} ${frontend.protocol} frontend needs a certificate`, 'add tls: { certificate: <name> }');
  if (!needsTls && frontend.tls)
    add(`${at}.tls`, `tls is only for https and tls frontends, not ${frontend.protocol}`, `remove tls, or change the protocol to ${l7 ? 'https' : 'tls'}`);
  if (frontend.tls) {
    const refs = [frontend.tls.certificate, ...(frontend.tls.additionalCertificates ?? [])];
    refs.forEach((ref, i) => {
      const path = i === 0 ? `${at}.tls.certificate` : `${at}.tls.additionalCertificates[${i - 1}]`;
      if (!certificates.has(ref))
        add(path, `unknown certificate '${ref}'`, `declare it under certificates (- name: ${ref}), or ${suggest(ref, certificates, 'certificate')}`);
    });
    const trust = frontend.tls.clientCertificateTrust;
    if (trust && !trustStores.has(trust.trustStore)) {
      add(
        `${at}.tls.clientCertificateTrust.trustStore`,
        `unknown trust store '${trust.trustStore}'`,
        `declare it under trustStores (- name: ${trust.trustStore})`,
      );
    }
  }
  if (!l7) {
    for (const field of ['rules', 'redirectHttpToHttps', 'ruleOrder', 'http2'] as const) {
      if (frontend[field] !== undefined)
        add(
          `${at}.${field}`,
          `${field} is HTTP routing; frontend '${frontend.name}' is ${frontend.protocol} (L4)`,
          `remove ${field}, or use an http/https frontend`,
        );
    }
  }
  if (frontend.redirectHttpToHttps !== undefined && frontend.redirectHttpToHttps !== false) {
    if (frontend.protocol !== 'http') {
      if (l7) add(`${at}.redirectHttpToHttps`, 'only an http frontend can redirect to https', 'remove redirectHttpToHttps');
    } else {
      if (frontend.rules?.length)
        add(`${at}.rules`, 'a frontend that redirects every request to https has no use for rules', 'remove the rules, or set redirectHttpToHttps: false');
      if (frontend.defaultAction)
        add(
          `${at}.defaultAction`,
          'a frontend that redirects every request to https has no default action',
          'remove defaultAction, or set redirectHttpToHttps: false',
        );
    }
  } else if (!frontend.defaultAction) {
    add(
      `${at}.defaultAction`,
      `frontend '${frontend.name}' has no defaultAction`,
      l7 ? 'add defaultAction (forward, weightedForward, redirect or fixedResponse)' : 'add defaultAction: { forward: { pool: <name> } }',
    );
  }
  const ruleNames = new Map<string, number>();
  (frontend.rules ?? []).forEach((rule, ri) => {
    const rat = `${at}.rules[${ri}]`;
    const first = ruleNames.get(rule.name);
    if (first !== undefined)
      add(`${rat}.name`, `duplicate rule name '${rule.name}' (also ${at}.rules[${first}])`, 'rename one; rule names must be unique within a frontend');
    else ruleNames.set(rule.name, ri);
    if (rule.match?.grpc && rule.match.paths) {
      add(
        `${rat}.match.grpc`,
        'grpc conditions are path conditions underneath, so a rule gives grpc or paths, not both',
        'move the paths to a rule of their own, or write the gRPC calls as paths (/<service>/<method>)',
      );
    }
    rule.match?.paths?.forEach((p, i) => {
      if (p.regex !== undefined) {
        const problem = regexProblem(p.regex);
        if (problem) add(`${rat}.match.paths[${i}].regex`, problem, 'rewrite the pattern in the portable subset (see SEMANTICS.md)');
        if (p.caseSensitive !== undefined)
          add(
            `${rat}.match.paths[${i}].caseSensitive`,
            'caseSensitive applies to exact and prefix paths; a regex compares as written',
            'remove caseSensitive, or write the case into the pattern ([Aa]pi)',
          );
      }
    });
    rule.match?.headers?.forEach((h, i) => {
      if (h.name.toLowerCase() === 'host') add(`${rat}.match.headers[${i}].name`, 'match the Host header with match.hosts', 'move the value to match.hosts');
      if (h.regex !== undefined) {
        const problem = regexProblem(h.regex);
        if (problem) add(`${rat}.match.headers[${i}].regex`, problem, 'rewrite the pattern in the portable subset (see SEMANTICS.md)');
      }
    });
    rule.match?.sourceCidrs?.forEach((c, i) => checkCidr(c, `${rat}.match.sourceCidrs[${i}]`, add));
    checkAction(rule.action, `${rat}.action`, frontend, pools, add);
    checkRuleFilters(rule, rat, add);
    checkRedirectPath(rule.action, `${rat}.action`, add);
  });
  if (frontend.defaultAction) {
    checkAction(frontend.defaultAction, `${at}.defaultAction`, frontend, pools, add);
    checkDefaultActionFilters(frontend.defaultAction, `${at}.defaultAction`, add);
  }
  frontend.allowedSourceCidrs?.forEach((c, i) => checkCidr(c, `${at}.allowedSourceCidrs[${i}]`, add));
}

export function checkCidr(text: string, path: string, add: Add): void {
  if (!parseCidr(text)) add(path, `'${text}' is not a valid CIDR block`, 'write an address and prefix length, such as 10.0.0.0/8 or 2001:db8::/32');
  else if (!isCanonicalCidr(text)) add(path, `'${text}' has host bits set`, `write the network address, such as ${canonical(text)}`);
}

function canonical(text: string): string {
  const c = parseCidr(text)!;
  if (c.version === 4) {
    const v = Number(c.network & 0xffffffffn);
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}/${c.bits - 96}`;
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((c.network >> BigInt(i * 16)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${c.bits}`;
}

function checkAction(action: ActionSpec, at: string, frontend: FrontendSpec, pools: ReadonlyMap<string, PoolSpec>, add: Add): void {
  const l7 = L7_PROTOCOLS.has(frontend.protocol);
  if (!l7 && (action.redirect || action.fixedResponse)) {
    add(
      at,
      `${action.redirect ? 'redirect' : 'fixedResponse'} is an HTTP action; frontend '${frontend.name}' is ${frontend.protocol} (L4)`,
      'use forward or weightedForward',
    );
  }
  const checkPool = (name: string, path: string) => {
    const pool = pools.get(name);
    if (!pool) {
      add(path, `unknown pool '${name}'`, suggest(name, pools, 'pool'));
      return;
    }
    const allowed = POOL_PROTOCOLS_FOR[frontend.protocol];
    if (!allowed.includes(pool.protocol)) {
      add(path, `a ${frontend.protocol} frontend cannot forward to ${pool.protocol} pool '${name}'`, `use a pool whose protocol is ${allowed.join(' or ')}`);
    } else if (GRPC_POOL_PROTOCOLS.has(pool.protocol) && frontend.http2 !== true) {
      add(path, `gRPC needs HTTP/2 end to end; frontend '${frontend.name}' does not speak HTTP/2 to clients`, 'set http2: true on the frontend');
    }
  };
  if (action.forward) checkPool(action.forward.pool, `${at}.forward.pool`);
  if (action.weightedForward) {
    const targets = action.weightedForward.pools;
    const seen = new Set<string>();
    targets.forEach((t, i) => {
      checkPool(t.pool, `${at}.weightedForward.pools[${i}].pool`);
      if (seen.has(t.pool)) add(`${at}.weightedForward.pools[${i}].pool`, `pool '${t.pool}' is listed twice`, 'list each pool once and add up its weights');
      seen.add(t.pool);
    });
    if (targets.every((t) => t.weight === 0))
      add(`${at}.weightedForward.pools`, 'every weight is 0, so no request could be forwarded', 'give at least one pool a weight above 0');
  }
  if (action.redirect) {
    const r = action.redirect;
    if (r.scheme === undefined && r.host === undefined && r.port === undefined && r.path === undefined && r.pathPrefix === undefined && r.query === undefined) {
      add(`${at}.redirect`, 'this redirect changes nothing, so a client would loop on it', 'set at least one of scheme, host, port, path, query');
    }
  }
}

function checkPool(pool: PoolSpec, at: string, add: Add): void {
  const hc = pool.healthCheck;
  const l7 = L7_PROTOCOLS.has(pool.protocol);
  if (pool.protocol === 'udp' && (!hc || !hc.protocol)) {
    add(
      `${at}.healthCheck`,
      'a udp pool needs an explicit health check: UDP itself cannot be probed',
      'add healthCheck: { protocol: tcp (or http), port: <a port the members serve> }',
    );
  }
  if (hc) {
    const interval = hc.intervalSeconds ?? DEFAULTS.healthCheck.intervalSeconds;
    const timeout = hc.timeoutSeconds ?? DEFAULTS.healthCheck.timeoutSeconds;
    if (timeout >= interval) {
      add(
        `${at}.healthCheck.timeoutSeconds`,
        `timeout ${timeout}s is not below interval ${interval}s`,
        `set timeoutSeconds below ${interval}, or raise intervalSeconds above ${timeout}`,
      );
    }
    const grpcPool = GRPC_POOL_PROTOCOLS.has(pool.protocol);
    const probeProtocol = hc.protocol ?? (pool.protocol === 'https' ? 'https' : grpcPool ? 'grpc' : l7 ? 'http' : 'tcp');
    if (probeProtocol === 'grpc') {
      if (!grpcPool)
        add(
          `${at}.healthCheck.protocol`,
          `a grpc health check needs a grpc or grpcs pool; pool '${pool.name}' is ${pool.protocol}`,
          'set the pool protocol to grpc (or grpcs), or probe with http',
        );
      if (hc.path !== undefined)
        add(
          `${at}.healthCheck.path`,
          'a grpc health check calls grpc.health.v1.Health/Check and has no path',
          'remove path (name the service with grpcService)',
        );
      if (hc.successCodes !== undefined)
        add(`${at}.healthCheck.successCodes`, 'a grpc health check has gRPC status codes, not HTTP ones', 'write grpcStatusCodes instead');
    } else {
      for (const field of ['grpcService', 'grpcStatusCodes'] as const) {
        if (hc[field] !== undefined)
          add(`${at}.healthCheck.${field}`, `${field} is for grpc health checks; this one is ${probeProtocol}`, `remove ${field}, or set protocol: grpc`);
      }
    }
    if (hc.grpcStatusCodes) {
      for (const part of hc.grpcStatusCodes.split(',')) {
        const [low, high] = part.split('-').map(Number);
        if (Math.max(low, high ?? low) > 16)
          add(`${at}.healthCheck.grpcStatusCodes`, `'${part}' is not a gRPC status code (0-16)`, 'use codes 0-16 (0 OK ... 16 UNAUTHENTICATED)');
        else if (high !== undefined && high < low) add(`${at}.healthCheck.grpcStatusCodes`, `range '${part}' runs backwards`, `write it as ${high}-${low}`);
      }
    }
    if (probeProtocol === 'tcp') {
      if (hc.path !== undefined) add(`${at}.healthCheck.path`, 'a tcp health check has no path', 'remove path, or set protocol: http');
      if (hc.successCodes !== undefined)
        add(`${at}.healthCheck.successCodes`, 'a tcp health check has no status codes', 'remove successCodes, or set protocol: http');
    }
    if (hc.successCodes) {
      for (const part of hc.successCodes.split(',')) {
        const [low, high] = part.split('-').map(Number);
        if (high !== undefined && high < low) add(`${at}.healthCheck.successCodes`, `range '${part}' runs backwards`, `write it as ${high}-${low}`);
      }
    }
  }
  const persistence = pool.sessionPersistence;
  if (persistence && persistence.type !== 'source-ip' && !l7) {
    add(`${at}.sessionPersistence`, `${persistence.type} needs HTTP; pool '${pool.name}' is ${pool.protocol}`, 'use type: source-ip');
  }
  if (pool.http2 !== undefined && pool.protocol !== 'http' && pool.protocol !== 'https') {
    const grpc = GRPC_POOL_PROTOCOLS.has(pool.protocol);
    if (!grpc || pool.http2 === false)
      add(
        `${at}.http2`,
        grpc ? `a ${pool.protocol} pool always speaks HTTP/2` : `http2 is for http and https pools; pool '${pool.name}' is ${pool.protocol}`,
        'remove http2',
      );
  }
  if (pool.retryBudget && !l7) {
    add(`${at}.retryBudget`, `a retry budget limits HTTP retries; pool '${pool.name}' is ${pool.protocol}`, 'remove retryBudget');
  }
  if (pool.passiveHealthCheck && pool.protocol === 'udp') {
    add(`${at}.passiveHealthCheck`, 'passive health checks count failed connections and responses; UDP has neither', 'remove passiveHealthCheck');
  }
}
