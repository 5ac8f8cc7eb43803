/**
 * The parts of the generated deploy-validity specs (./deploy-specs.ts) that share a port by host names and rewrite
 * URLs (ALB transforms).
 */
import fc from 'fast-check';
import type { LoadBalancerSpec } from '../../../lib/spec/schema';

/** A rule's URL rewrite (ALB transforms); a prefix rewrite only where the rule matches prefixes alone (see below). */
export const rewriteArb = fc.record(
  {
    host: fc.constantFrom('internal.example.com', 'api.internal'),
    path: fc.oneof(
      fc.constantFrom('/index.html', '/v2/app').map((full) => ({ full })),
      fc.constantFrom('/v2', '/', '/new/').map((prefix) => ({ prefix })),
    ),
  },
  { requiredKeys: [] },
);

/**
 * Frontends that share the https port (and the http one) by host names: the main https frontend stays the
 * catch-all or takes names itself; 'shop' (an exact name and a longer wildcard) and 'blog' (a shorter one) bring
 * their own certificates and rules, so that binding order, several runs of one frontend and host conditions met
 * with the rules' own hosts all reach the template.
 */
export const hostedArb = fc.record({
  mainNames: fc.option(fc.constantFrom(['example.com', '*.example.com'], ['api.example.com']), { nil: undefined }),
  shop: fc.boolean(),
  blog: fc.boolean(),
  shopHttp: fc.constantFrom(undefined, 'rules' as const, 'redirect' as const),
});

type Frontend = LoadBalancerSpec['frontends'][number];
type Rule = NonNullable<Frontend['rules']>[number];

/**
 * The rewrite a generated rule may carry: forward actions only; a prefix rewrite only on a rule whose paths are all
 * prefixes and not '/' beside others (lib/spec/semantic-filters.ts, the aws-alb range check), else the full path.
 */
export function rewriteOf(r: { match?: Rule['match']; action: Rule['action']; rewrite?: Rule['rewrite'] }): Pick<Rule, 'rewrite'> {
  if (!r.rewrite || !('forward' in r.action || 'weightedForward' in r.action) || (!r.rewrite.host && !r.rewrite.path)) return {};
  const paths = r.match?.paths ?? [];
  const prefixes = paths.length > 0 && paths.every((p) => 'prefix' in p) && !(paths.length > 1 && paths.some((p) => 'prefix' in p && p.prefix === '/'));
  const prefix = r.rewrite.path?.prefix;
  const path = prefix !== undefined && !prefixes ? { full: `${prefix.replace(/\/$/, '')}/index.html` } : r.rewrite.path;
  return { rewrite: { ...r.rewrite, ...(path ? { path } : {}) } };
}

type HostedChoice = typeof hostedArb extends fc.Arbitrary<infer T> ? T : never;

/** The host-named frontends of a generated spec, and host names for its main https frontend. */
export function hostedFrontends(h: HostedChoice, https: Frontend, http: Frontend): Frontend[] {
  if (h.mainNames) Object.assign(https, { hostnames: h.mainNames });
  // The frontends of a port agree on what belongs to the connection (lib/spec/semantic-listeners.ts).
  const shared = {
    protocol: 'https' as const,
    port: https.port,
    idleTimeoutSeconds: https.idleTimeoutSeconds,
    ...(https.allowedSourceCidrs ? { allowedSourceCidrs: https.allowedSourceCidrs } : {}),
  };
  const tls = (certificate: string) => ({ ...https.tls!, certificate, additionalCertificates: undefined });
  const out: Frontend[] = [];
  if (h.shop)
    out.push({
      ...shared,
      name: 'shop',
      hostnames: ['shop.example.org', '*.shop.example.org'],
      tls: tls('alt'),
      rules: [
        { name: 'cart', match: { paths: [{ prefix: '/cart' }] }, action: { forward: { pool: 'api' } }, rewrite: { path: { prefix: '/v2/cart' } } },
        { name: 'eu', match: { hosts: ['eu.shop.example.org', '*.example.com'] }, action: { forward: { pool: 'alt' } } },
      ],
      defaultAction: { forward: { pool: 'web' } },
    });
  if (h.blog)
    out.push({ ...shared, name: 'blog', hostnames: ['*.example.org'], tls: tls('edge'), defaultAction: { fixedResponse: { statusCode: 200, body: 'blog' } } });
  if (h.shopHttp)
    out.push(
      h.shopHttp === 'redirect'
        ? {
            name: 'shop-http',
            protocol: 'http',
            port: 80,
            idleTimeoutSeconds: http.idleTimeoutSeconds,
            hostnames: ['shop.example.org'],
            redirectHttpToHttps: {},
          }
        : {
            name: 'shop-http',
            protocol: 'http',
            port: 80,
            idleTimeoutSeconds: http.idleTimeoutSeconds,
            hostnames: ['shop.example.org', '*.shop.example.org'],
            rules: [{ name: 'status', match: { paths: [{ exact: '/status' }] }, action: { fixedResponse: { statusCode: 200, body: 'ok' } } }],
            defaultAction: { forward: { pool: 'web' } },
          },
    );
  return out;
}
