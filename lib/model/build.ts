/** Spec to model: validate, apply defaults (defaults.ts), resolve names, order rules, find shadowed rules. */
import { loadSpecFile, validateSpec, type ValidateOptions } from '../spec/load';
import type { ActionSpec, FrontendSpec, LoadBalancerSpec, PoolSpec, RuleMatchSpec, RuleSpec, TlsSpec } from '../spec/schema';
import { applyOverlay } from '../spec/overlay';
import { GRPC_POOL_PROTOCOLS, L7_PROTOCOLS } from '../spec/semantic';
import { grpcPathMatch } from './grpc';
import { hostMatchOf } from './listeners';
import { normalizeCidr } from '../util/cidr';
import { DEFAULTS } from './defaults';
import { orderMostSpecific } from './order';
import { filtersModel } from './filters';
import { findShadowed, MAX_SHADOW_COMPARISONS } from './shadow';
import { reachedPools } from './derived';
import type {
  ActionModel,
  FrontendModel,
  HealthCheckModel,
  LoadBalancerModel,
  MatchModel,
  ModelWarning,
  PoolModel,
  RateLimitModel,
  RedirectStatus,
  RuleModel,
  TlsModel,
} from './types';
import { alarmModels, protectionModel } from './operations';

/** Validates a spec (object, or parsed YAML/JSON) and builds its model. Throws SpecValidationError. */
export function buildModel(input: unknown, options: ValidateOptions = {}): LoadBalancerModel {
  return toModel(validateSpec(input, options));
}

/** Reads, validates and models a spec file. */
export function loadModel(file: string): LoadBalancerModel {
  return toModel(loadSpecFile(file));
}

/** Every path the spec object holds, in spec path syntax: `a.b`, `a[0].c`. */
function writtenPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.add(`${path}[${i}]`);
      writtenPaths(v, `${path}[${i}]`, out);
    });
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      out.add(at);
      writtenPaths(v, at, out);
    }
  }
  return out;
}

/** The model of a spec that passed every check (validateSpec, or the sound part inspect.ts models). */
export function toModel(spec: LoadBalancerSpec): LoadBalancerModel {
  const base = baseModel(spec);
  const targets = Object.entries(spec.targets ?? {});
  if (!targets.length) return base;
  // The merged specs were validated with the spec (lib/spec/load.ts); each target gets its own model.
  const overrides = Object.fromEntries(
    targets.map(([t, overlay]) => [t, baseModel(applyOverlay(spec as Record<string, unknown>, overlay as Record<string, unknown>) as LoadBalancerSpec)]),
  );
  return { ...base, overrides };
}

function baseModel(spec: LoadBalancerSpec): LoadBalancerModel {
  const warnings: ModelWarning[] = [];
  const frontends = spec.frontends.map((f, i) => frontendModel(f, `frontends[${i}]`, warnings));
  const usedBy = new Map<string, Set<string>>();
  for (const f of frontends) {
    for (const pool of reachedPools(f)) {
      if (!usedBy.has(pool)) usedBy.set(pool, new Set());
      usedBy.get(pool)!.add(f.name);
    }
    if (f.redirectHttpToHttps && !frontends.some((o) => o.protocol === 'https' && o.port === f.redirectHttpToHttps!.port)) {
      warnings.push({
        code: 'redirect-target-missing',
        path: `${pathOf(spec, f.name)}.redirectHttpToHttps`,
        message: `frontend '${f.name}' redirects to https port ${f.redirectHttpToHttps.port}, which no https frontend of this load balancer serves`,
      });
    }
  }
  const pools = (spec.pools ?? []).map((p, i) => poolModel(p, `pools[${i}]`, [...(usedBy.get(p.name) ?? [])]));
  for (const p of pools) {
    if (p.usedBy.length === 0) warnings.push({ code: 'unused-pool', path: p.path, message: `pool '${p.name}' is not used by any frontend` });
  }
  warnings.push(...splitStickinessTraps(frontends, pools));
  const l7Frontends = frontends.filter((f) => f.layer === 'l7').map((f) => f.name);
  const rateLimits: RateLimitModel[] = (spec.rateLimits ?? []).map((r, i) => {
    const rules = r.scope?.rules;
    return {
      name: r.name,
      path: `rateLimits[${i}]`,
      limit: r.limit,
      windowSeconds: r.windowSeconds,
      key: r.key === undefined || r.key === 'client-ip' ? { type: 'client-ip' } : { type: 'header', name: r.key.header.toLowerCase() },
      frontends: r.scope?.frontends ?? (rules ? [...new Set(rules.map((ref) => ref.split('/')[0]))] : l7Frontends),
      ...(rules ? { rules } : {}),
      responseStatus: r.responseStatus ?? DEFAULTS.rateLimitResponseStatus,
    };
  });
  return {
    name: spec.name,
    scheme: spec.scheme ?? DEFAULTS.scheme,
    ipAddressType: spec.ipAddressType ?? DEFAULTS.ipAddressType,
    deletionProtection: spec.deletionProtection ?? DEFAULTS.deletionProtection,
    ...(spec.accessLogs && spec.accessLogs.enabled !== false ? { accessLogs: { prefix: spec.accessLogs.prefix ?? spec.name } } : {}),
    tags: { ...(spec.tags ?? {}) },
    strict: spec.strict ?? DEFAULTS.strict,
    allowNearest: [...(spec.allowNearest ?? [])],
    certificates: (spec.certificates ?? []).map((c, i) => ({
      name: c.name,
      domains: (c.domains ?? []).map((d) => d.toLowerCase()),
      path: `certificates[${i}]`,
    })),
    trustStores: (spec.trustStores ?? []).map((t, i) => ({ name: t.name, path: `trustStores[${i}]` })),
    frontends,
    pools,
    rateLimits,
    alarms: alarmModels(spec),
    ...(spec.protection ? { protection: protectionModel(spec.protection, frontends) } : {}),
    warnings,
    given: writtenPaths(spec),
  };
}

/**
 * A weighted split picks a pool per request unless it has group stickiness; session persistence inside one of
 * its pools then keeps a client on a member only while the split keeps sending it there, so the client moves
 * between pools (canary and stable) from request to request.
 */
function splitStickinessTraps(frontends: readonly FrontendModel[], pools: readonly PoolModel[]): ModelWarning[] {
  const persistent = new Map(pools.filter((p) => p.sessionPersistence).map((p) => [p.name, p.sessionPersistence!.type]));
  return frontends.flatMap((f) =>
    [
      ...f.rules.map((r) => ({ action: r.action, path: `${r.path}.action` })),
      ...(f.defaultAction ? [{ action: f.defaultAction, path: `${f.path}.defaultAction` }] : []),
    ]
      .filter(({ action }) => action.type === 'weighted-forward' && action.stickinessSeconds === undefined)
      .flatMap(({ action, path }) => {
        const sticky = action.type === 'weighted-forward' ? action.targets.filter((t) => persistent.has(t.pool)) : [];
        if (!sticky.length) return [];
        return [
          {
            code: 'split-without-stickiness' as const,
            path: `${path}.weightedForward`,
            message: `pool${sticky.length > 1 ? 's' : ''} ${sticky.map((t) => `'${t.pool}' (${persistent.get(t.pool)})`).join(', ')} keep${sticky.length > 1 ? '' : 's'} clients on a member, but this split picks a pool per request, so a client moves between its pools`,
            fix: 'set stickinessSeconds on the split (group stickiness), or remove sessionPersistence from its pools',
          },
        ];
      }),
  );
}

function pathOf(spec: LoadBalancerSpec, frontend: string): string {
  return `frontends[${spec.frontends.findIndex((f) => f.name === frontend)}]`;
}

function frontendModel(f: FrontendSpec, path: string, warnings: ModelWarning[]): FrontendModel {
  const layer = L7_PROTOCOLS.has(f.protocol) ? 'l7' : 'l4';
  const ruleOrder = f.ruleOrder ?? DEFAULTS.ruleOrder;
  const declared = (f.rules ?? []).map((r, i) => ({
    name: r.name,
    path: `${path}.rules[${i}]`,
    match: matchModel(r.match),
    action: actionModel(r.action),
    ...withFilters(r),
  }));
  const ordered =
    ruleOrder === 'most-specific'
      ? orderMostSpecific(declared).map((fr) => ({ ...fr.rule, id: fr.id, match: fr.match }))
      : declared.map((r) => ({ ...r, id: r.name }));
  const rules: RuleModel[] = ordered.map((r, order) => ({ ...r, frontend: f.name, order }));
  const shadow = findShadowed(rules, (a, b) => a.name === b.name);
  for (const { rule, by } of shadow.shadowed) {
    warnings.push({
      code: 'shadowed-rule',
      path: rule.path,
      message: `rule '${rule.name}' of frontend '${f.name}' never matches: rule '${by.name}' before it takes every request it would`,
    });
  }
  if (shadow.stoppedAt !== undefined) {
    warnings.push({
      code: 'shadow-check-capped',
      path: `${path}.rules`,
      message: `frontend '${f.name}': the shadowed-rule check stopped after ${MAX_SHADOW_COMPARISONS.toLocaleString('en-US')} comparisons; rules from '${rules[shadow.stoppedAt].name}' (position ${shadow.stoppedAt + 1} of ${rules.length}) on were not checked`,
    });
  }
  const redirect = f.redirectHttpToHttps;
  return {
    name: f.name,
    path,
    protocol: f.protocol,
    layer,
    port: f.port,
    ...(f.hostnames ? { hostnames: f.hostnames.map(hostMatchOf) } : {}),
    ...(f.tls ? { tls: tlsModel(f.tls) } : {}),
    ...(redirect
      ? {
          redirectHttpToHttps: {
            port: (typeof redirect === 'object' ? redirect.port : undefined) ?? DEFAULTS.httpsRedirectPort,
            statusCode: (typeof redirect === 'object' ? redirect.statusCode : undefined) ?? DEFAULTS.redirectStatusCode,
          },
        }
      : {}),
    idleTimeoutSeconds: f.idleTimeoutSeconds ?? DEFAULTS.idleTimeoutSeconds,
    // IPv4-mapped IPv6 blocks become dotted IPv4, the form every cloud's IPv4 lists take.
    allowedSourceCidrs: (f.allowedSourceCidrs ?? []).map(normalizeCidr),
    ruleOrder,
    rules,
    ...(f.defaultAction && !redirect ? { defaultAction: actionModel(f.defaultAction) } : {}),
    ...(f.http2 !== undefined ? { http2: f.http2 } : {}),
  };
}

/** A frontend's TLS with its defaults applied. */
function tlsModel(tls: TlsSpec): TlsModel {
  const trust = tls.clientCertificateTrust;
  return {
    certificate: tls.certificate,
    additionalCertificates: tls.additionalCertificates ?? [],
    minimumVersion: tls.minimumVersion ?? DEFAULTS.tlsMinimumVersion,
    ...(trust ? { clientCertificateTrust: { trustStore: trust.trustStore, mode: trust.mode ?? DEFAULTS.mtlsMode } } : {}),
  };
}

export function matchModel(m: RuleMatchSpec | undefined): MatchModel {
  return {
    hosts: (m?.hosts ?? []).map(hostMatchOf),
    paths: m?.grpc
      ? m.grpc.map(grpcPathMatch)
      : (m?.paths ?? []).map((p) => {
          const ignoreCase = p.caseSensitive === false ? { ignoreCase: true as const } : {};
          if (p.exact !== undefined) return { kind: 'exact' as const, value: p.exact, ...ignoreCase };
          if (p.prefix !== undefined)
            return { kind: 'prefix' as const, value: p.prefix.length > 1 ? p.prefix.replace(/\/+$/, '') || '/' : p.prefix, ...ignoreCase };
          return { kind: 'regex' as const, value: p.regex! };
        }),
    headers: (m?.headers ?? []).map((h) => {
      const name = h.name.toLowerCase();
      if (h.present) return { name, kind: 'present' as const };
      const exactCase = h.caseSensitive ? { caseSensitive: true as const } : {};
      if (h.exact !== undefined) return { name, kind: 'exact' as const, value: h.exact, ...exactCase };
      if (h.prefix !== undefined) return { name, kind: 'prefix' as const, value: h.prefix, ...exactCase };
      return { name, kind: 'regex' as const, value: h.regex! };
    }),
    query: (m?.query ?? []).map((q) => {
      const exactCase = q.caseSensitive ? { caseSensitive: true as const } : {};
      return q.present ? { name: q.name, kind: 'present' as const, ...exactCase } : { name: q.name, kind: 'exact' as const, value: q.exact!, ...exactCase };
    }),
    methods: [...new Set(m?.methods ?? [])],
    sourceCidrs: (m?.sourceCidrs ?? []).map(normalizeCidr),
    ...(m?.grpc ? { grpc: m.grpc.map((g) => (g.method !== undefined ? { service: g.service, method: g.method } : { service: g.service })) } : {}),
  };
}

export function actionModel(a: ActionSpec): ActionModel {
  if (a.forward) return { type: 'forward', pool: a.forward.pool };
  if (a.weightedForward) {
    return {
      type: 'weighted-forward',
      targets: a.weightedForward.pools.map((p) => ({ pool: p.pool, weight: p.weight })),
      ...(a.weightedForward.stickinessSeconds !== undefined ? { stickinessSeconds: a.weightedForward.stickinessSeconds } : {}),
    };
  }
  if (a.redirect) {
    const r = a.redirect;
    return {
      type: 'redirect',
      ...(r.scheme !== undefined ? { scheme: r.scheme } : {}),
      ...(r.host !== undefined ? { host: r.host.toLowerCase() } : {}),
      ...(r.port !== undefined ? { port: r.port } : {}),
      ...(r.path !== undefined ? { path: r.path } : {}),
      ...(r.pathPrefix !== undefined ? { pathPrefix: r.pathPrefix } : {}),
      ...(r.query !== undefined ? { query: r.query } : {}),
      statusCode: (r.statusCode ?? DEFAULTS.redirectStatusCode) as RedirectStatus,
    };
  }
  const f = a.fixedResponse!;
  return {
    type: 'fixed-response',
    statusCode: f.statusCode,
    contentType: f.contentType ?? DEFAULTS.fixedResponseContentType,
    body: f.body ?? '',
    ...(f.grpcStatus !== undefined ? { grpcStatus: f.grpcStatus } : {}),
  };
}

function poolModel(p: PoolSpec, path: string, usedBy: string[]): PoolModel {
  const l7 = L7_PROTOCOLS.has(p.protocol);
  const hc = p.healthCheck ?? {};
  const grpcPool = GRPC_POOL_PROTOCOLS.has(p.protocol);
  const protocol = hc.protocol ?? (p.protocol === 'https' ? 'https' : grpcPool ? 'grpc' : l7 ? 'http' : 'tcp');
  const httpProbe = protocol === 'http' || protocol === 'https';
  const grpcStatusCodes = protocol === 'grpc' ? (hc.grpcStatusCodes ?? DEFAULTS.grpcHealthCheck.statusCodes) : undefined;
  const successCodes = httpProbe ? (hc.successCodes ?? DEFAULTS.healthCheck.successCodes) : undefined;
  const healthCheck: HealthCheckModel = {
    protocol,
    ...(httpProbe ? { path: hc.path ?? DEFAULTS.healthCheck.path } : {}),
    port: hc.port ?? p.port,
    usesTrafficPort: hc.port === undefined || hc.port === p.port,
    intervalSeconds: hc.intervalSeconds ?? DEFAULTS.healthCheck.intervalSeconds,
    timeoutSeconds: hc.timeoutSeconds ?? DEFAULTS.healthCheck.timeoutSeconds,
    healthyThreshold: hc.healthyThreshold ?? DEFAULTS.healthCheck.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold ?? DEFAULTS.healthCheck.unhealthyThreshold,
    ...(successCodes ? { successCodes } : {}),
    successRanges: successCodes ? parseSuccessCodes(successCodes) : [],
    ...(grpcStatusCodes !== undefined
      ? {
          grpcService: hc.grpcService ?? DEFAULTS.grpcHealthCheck.service,
          grpcStatusCodes,
          grpcStatusRanges: parseSuccessCodes(grpcStatusCodes),
        }
      : {}),
  };
  const passive = p.passiveHealthCheck;
  const persistence = p.sessionPersistence;
  return {
    name: p.name,
    path,
    protocol: p.protocol,
    port: p.port,
    algorithm: p.algorithm ?? (l7 ? DEFAULTS.algorithm.l7 : DEFAULTS.algorithm.l4),
    healthCheck,
    ...(passive
      ? {
          passiveHealthCheck: {
            consecutiveFailures: passive.consecutiveFailures ?? DEFAULTS.passiveHealthCheck.consecutiveFailures,
            ejectionSeconds: passive.ejectionSeconds ?? DEFAULTS.passiveHealthCheck.ejectionSeconds,
            maxEjectedPercent: passive.maxEjectedPercent ?? DEFAULTS.passiveHealthCheck.maxEjectedPercent,
          },
        }
      : {}),
    ...(persistence
      ? {
          sessionPersistence:
            persistence.type === 'source-ip'
              ? { type: 'source-ip' as const }
              : persistence.type === 'lb-cookie'
                ? {
                    type: 'lb-cookie' as const,
                    durationSeconds: persistence.durationSeconds ?? DEFAULTS.cookieDurationSeconds,
                    ...(persistence.sessionCookie ? { sessionCookie: true as const } : {}),
                  }
                : {
                    type: 'app-cookie' as const,
                    cookieName: persistence.cookieName,
                    durationSeconds: persistence.durationSeconds ?? DEFAULTS.cookieDurationSeconds,
                  },
        }
      : {}),
    drainingSeconds: p.drainingSeconds ?? DEFAULTS.drainingSeconds,
    slowStartSeconds: p.slowStartSeconds ?? DEFAULTS.slowStartSeconds,
    whenAllUnhealthy: p.whenAllUnhealthy ?? DEFAULTS.whenAllUnhealthy,
    ...(p.retryBudget
      ? {
          retryBudget: {
            percent: p.retryBudget.percent ?? DEFAULTS.retryBudget.percent,
            intervalSeconds: p.retryBudget.intervalSeconds ?? DEFAULTS.retryBudget.intervalSeconds,
            minRetryRate: p.retryBudget.minRetryRate ?? DEFAULTS.retryBudget.minRetryRate,
          },
        }
      : {}),
    http2: grpcPool || (p.http2 ?? DEFAULTS.poolHttp2),
    usedBy,
  };
}

export function parseSuccessCodes(codes: string): Array<readonly [number, number]> {
  return codes.split(',').map((part) => {
    const [low, high] = part.split('-').map(Number);
    return [low, high ?? low] as const;
  });
}

/** Whether a status code is a probe success. */
export function isSuccessCode(hc: HealthCheckModel, status: number): boolean {
  return hc.successRanges.some(([low, high]) => status >= low && status <= high);
}

/** A rule's filters (header modifiers, rewrite), only when it has some. */
function withFilters(r: RuleSpec): { filters?: NonNullable<ReturnType<typeof filtersModel>> } {
  const filters = filtersModel(r);
  return filters ? { filters } : {};
}
