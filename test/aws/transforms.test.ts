/**
 * ALB rule transforms (issue 16): the url-rewrite and host-header-rewrite regexes lbkit plans, run as ALB runs
 * them (the regex's match in the URL, path and query, replaced with $n captures; no match: the request as it
 * came), give the path and Host lbkit's own rewrite gives (lib/model/filters.ts, which the local proxy executes).
 */
import { buildModel } from '../../lib/model/build';
import { matchedPrefix, rewrittenPath } from '../../lib/model/filters';
import type { RuleSpec } from '../../lib/spec/schema';
import { planAws } from '../../providers/aws/plan';
import type { TransformPlan } from '../../providers/aws/plan/types';

/** One ALB rewrite: the first match of the regex replaced ($n: the capture, '' when it did not take part). */
function apply(t: TransformPlan, input: string): string {
  const re = new RegExp(t.regex);
  const m = re.exec(input);
  if (!m) return input;
  const replaced = t.replace.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
  return input.slice(0, m.index) + replaced + input.slice(m.index + m[0].length);
}

const forward = { forward: { pool: 'app' } };
function planned(rules: RuleSpec[]) {
  const model = buildModel({
    name: 't',
    frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: forward }],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  });
  const listener = planAws(model).loadBalancers[0].listeners[0];
  return { rules: model.frontends[0].rules, transforms: (id: string) => listener.rules.find((r) => r.ruleId === id)?.transforms ?? [] };
}

const PATHS = ['/', '/x', '/x/', '/api', '/api/', '/api/x', '/api/v1', '/api/v1/', '/api/v1/y', '/api/v1x', '/apix', '/strip', '/strip/a/b'];
const QUERIES = ['', '?a=1', '?next=/api/x?y'];

test.each([
  ['prefixes longest first, segment-wise', [{ prefix: '/api' }, { prefix: '/api/v1' }], { prefix: '/v2' }],
  ['a prefix to /', [{ prefix: '/api' }, { prefix: '/strip' }], { prefix: '/' }],
  ['a trailing / in the replacement is ignored', [{ prefix: '/api' }], { prefix: '/v2/' }],
  ['the prefix / alone', [{ prefix: '/' }], { prefix: '/root' }],
  ['the prefix / to /', [{ prefix: '/' }], { prefix: '/' }],
  ['a full path', [{ prefix: '/api' }, { exact: '/x' }], { full: '/index.html' }],
] as const)('url-rewrite: %s gives lbkit path for every routed path, the query kept', (_name, paths, path) => {
  const { rules, transforms } = planned([{ name: 'r', match: { paths: [...paths] }, action: forward, rewrite: { path: { ...path } } }]);
  const rule = rules[0];
  const [t] = transforms(rule.id);
  expect(t.type).toBe('url-rewrite');
  const routed = PATHS.filter((p) => rule.match.paths.some((m) => (m.kind === 'exact' ? m.value === p : matchedPrefix([m], p) !== undefined)));
  expect(routed.length).toBeGreaterThan(0);
  const wrong = routed
    .flatMap((p) =>
      QUERIES.map((q) => ({ url: `${p}${q}`, got: apply(t, `${p}${q}`), want: `${rewrittenPath(rule.filters!.rewrite!.path!, rule.match.paths, p)}${q}` })),
    )
    .filter((c) => c.got !== c.want);
  expect(wrong).toEqual([]);
});

test('host-header-rewrite replaces the whole Host, port included', () => {
  const { rules, transforms } = planned([{ name: 'r', action: forward, rewrite: { host: 'internal.example.com' } }]);
  const [t] = transforms(rules[0].id);
  expect(['example.com', 'a.b.example.com:8080'].map((h) => apply(t, h))).toEqual(['internal.example.com', 'internal.example.com']);
});

test("range: a '$' in a value, and a prefix '/' beside others, are refused", () => {
  const refused = (() => {
    try {
      planned([{ name: 'r', match: { paths: [{ prefix: '/' }, { prefix: '/a' }] }, action: forward, rewrite: { path: { prefix: '/b$1' } } }]);
    } catch (e) {
      return String(e);
    }
    return 'accepted';
  })();
  expect(refused).toContain("prefixes include '/' beside others");
  expect(refused).toContain("a '$' in rewrite.path");
});
