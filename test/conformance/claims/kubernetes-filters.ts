/**
 * Native claims of the rule filter rows (issue 16) on k8s-gateway and k8s-envoy-gateway: what the HTTPRoute rule
 * (plan/rule-filters.ts) and, for Envoy retries, the BackendTrafficPolicy (plan/envoy-retry.ts) carry.
 */
import type { LoadBalancerSpec, RuleSpec } from '../../../lib/spec/schema';
import { l7, type Claim } from './claim';

/** What these claims read of the compiled objects (kubernetes.ts K8sCompiled has it). */
interface Compiled {
  readonly rules: ReadonlyArray<Record<string, any>>;
  readonly of: (kind: string) => ReadonlyArray<{ spec: Record<string, any> }>;
}
type C = Claim<Compiled>;

/** A spec whose frontend 'web' has these rules before its default action (strict off, as kubernetes.ts). */
const withRules = (...rules: RuleSpec[]): LoadBalancerSpec => l7({ frontend: { rules }, spec: { strict: false } });
const forward = (extra: Partial<RuleSpec>, match: RuleSpec['match'] = { paths: [{ prefix: '/api' }] }): RuleSpec => ({
  name: 'r',
  match,
  action: { forward: { pool: 'other' } },
  ...extra,
});
const named = (c: Compiled, name: string) => c.rules.find((r) => r.name === name)!;
const filter = (c: Compiled, name: string, type: string) => (named(c, name).filters as Array<Record<string, any>>).find((f) => f.type === type);

/** Rows the portable and Envoy columns render alike. */
export function filterRows(): Record<string, C> {
  return {
    'rule.filter.request-headers': {
      spec: withRules(forward({ requestHeaders: { set: [{ name: 'X-Env', value: 'prod' }], add: [{ name: 'x-via', value: 'lb' }], remove: ['x-debug'] } })),
      check: (c) =>
        expect(filter(c, 'r', 'RequestHeaderModifier')).toEqual({
          type: 'RequestHeaderModifier',
          requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }], add: [{ name: 'x-via', value: 'lb' }], remove: ['x-debug'] },
        }),
    },
    'rule.filter.response-headers': {
      spec: withRules(forward({ responseHeaders: { set: [{ name: 'cache-control', value: 'no-store' }], remove: ['server'] } })),
      check: (c) =>
        expect(filter(c, 'r', 'ResponseHeaderModifier')).toEqual({
          type: 'ResponseHeaderModifier',
          responseHeaderModifier: { set: [{ name: 'cache-control', value: 'no-store' }], remove: ['server'] },
        }),
    },
    'rule.filter.rewrite-host': {
      spec: withRules(forward({ rewrite: { host: 'internal.example.com' } })),
      check: (c) => expect(filter(c, 'r', 'URLRewrite')).toEqual({ type: 'URLRewrite', urlRewrite: { hostname: 'internal.example.com' } }),
    },
    'rule.filter.rewrite-path-full': {
      spec: withRules(forward({ rewrite: { path: { full: '/index.html' } } })),
      check: (c) =>
        expect(filter(c, 'r', 'URLRewrite')).toEqual({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/index.html' } } }),
    },
    // Two prefixes: one route rule per PathPrefix match, each with the same rewrite (HTTPRoute CEL).
    'rule.filter.rewrite-path-prefix': {
      spec: withRules(forward({ rewrite: { path: { prefix: '/v2' } } }, { paths: [{ prefix: '/api' }, { prefix: '/legacy' }] })),
      check: (c) => {
        for (const [name, prefix] of [
          ['r.1', '/api'],
          ['r.2', '/legacy'],
        ]) {
          expect(named(c, name).matches).toEqual([{ path: { type: 'PathPrefix', value: prefix } }]);
          expect(filter(c, name, 'URLRewrite')!.urlRewrite).toEqual({ path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } });
        }
      },
    },
    'action.redirect.path-prefix': {
      spec: withRules({ name: 'r', match: { paths: [{ prefix: '/old' }] }, action: { redirect: { pathPrefix: '/new' } } }),
      check: (c) => expect(filter(c, 'r', 'RequestRedirect')!.requestRedirect.path).toEqual({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' }),
    },
  };
}

/** GKE: the rows its conformance reports list as supported (capabilities-filters.ts). */
export function gkeFilterRows(): Record<string, C> {
  const rows = filterRows();
  return Object.fromEntries(
    (['rule.filter.request-headers', 'rule.filter.response-headers', 'rule.filter.rewrite-host', 'action.redirect.path-prefix'] as const).map((k) => [
      k,
      rows[k],
    ]),
  );
}

/** Envoy Gateway: the listed statuses through the rule's BackendTrafficPolicy. */
export function envoyRetryRows(): Record<string, C> {
  return {
    'rule.retry.statuses': {
      spec: withRules(forward({ retry: { attempts: 2, statuses: [502, 503] }, timeouts: { backendSeconds: 4 } })),
      check: (c) => {
        const retries = c
          .of('BackendTrafficPolicy')
          .map((p) => p.spec.retry)
          .filter(Boolean);
        expect(retries).toEqual([
          {
            numRetries: 2,
            retryOn: { triggers: ['connect-failure', 'reset', 'retriable-status-codes'], httpStatusCodes: [502, 503] },
            perRetry: { timeout: '4s' },
          },
        ]);
        // The per-attempt timeout is the policy's: a backendRequest would be Envoy Gateway's route timeout for all attempts.
        expect(named(c, 'r').timeouts).toBeUndefined();
      },
    },
  };
}
