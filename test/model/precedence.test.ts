/**
 * `most-specific` against the Kubernetes Gateway API precedence, for every rule shape, in both declaration
 * orders. The HTTPRoute spec (gateway-api v1.6.1, standard channel, httproutes.yaml, `rules[].matches`):
 *
 *   "If no matches are specified, the default is a prefix path match on "/" ..."
 *   "precedence must be given to the match having:
 *    * "Exact" path match. * "Prefix" path match with largest number of characters. * Method match.
 *    * Largest number of header matches. * Largest number of query param matches.
 *    Note: The precedence of RegularExpression path matches are implementation-specific. ...
 *    If ties still exist within an HTTPRoute, matching precedence MUST be granted to the FIRST matching rule
 *    (in list order) ..."
 *
 * lbkit's implementation-specific choice: a regex ranks below every prefix (SEMANTICS.md section 3).
 */
import { buildModel } from '../../lib/model';
import { selectRule } from '../../lib/model/match';
import type { RuleSpec } from '../../lib/spec';

type Match = RuleSpec['match'];

/** Rule shapes, each with a request both rules of a pair can match. */
const SHAPES: Record<string, Match> = {
  'exact-path': { paths: [{ exact: '/a/b' }] },
  'long-prefix': { paths: [{ prefix: '/a/b' }] },
  'short-prefix': { paths: [{ prefix: '/a' }] },
  'root-prefix': { paths: [{ prefix: '/' }] },
  'no-path': {},
  'root-prefix-method': { paths: [{ prefix: '/' }], methods: ['GET'] },
  'no-path-method': { methods: ['GET'] },
  'no-path-one-header': { headers: [{ name: 'x-a', present: true }] },
  'no-path-two-headers': {
    headers: [
      { name: 'x-a', present: true },
      { name: 'x-b', present: true },
    ],
  },
  'no-path-one-query': { query: [{ name: 'q', present: true }] },
  'no-path-two-queries': {
    query: [
      { name: 'q', present: true },
      { name: 'r', present: true },
    ],
  },
  'root-prefix-one-header': { paths: [{ prefix: '/' }], headers: [{ name: 'x-a', present: true }] },
  regex: { paths: [{ regex: '/a/.*' }] },
};

/**
 * Gateway API rank of a shape: smaller wins. Written from the spec text above, independently of
 * lib/model/order.ts: path (exact, then prefix length, with an absent path as '/'; regex last), then method,
 * then header count, then query count.
 */
function gatewayRank(m: Match): number[] {
  const p = m?.paths?.[0] ?? { prefix: '/' };
  const path = 'exact' in p ? [0, 0] : 'prefix' in p ? [1, -String(p.prefix).length] : [2, 0];
  return [...path, m?.methods?.length ? 0 : 1, -(m?.headers?.length ?? 0), -(m?.query?.length ?? 0)];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A request every shape matches: GET /a/b?q=1&r=1 with x-a and x-b. */
const REQUEST = {
  method: 'GET',
  host: 'example.com',
  path: '/a/b',
  query: 'q=1&r=1',
  sourceIp: '127.0.0.1',
  header: (n: string) => (n === 'x-a' || n === 'x-b' ? ['1'] : []),
};

function winner(first: [string, Match], second: [string, Match]): string {
  const rules: RuleSpec[] = [first, second].map(([name, match]) => ({ name, match, action: { forward: { pool: 'p' } } }));
  const model = buildModel({
    name: 'm',
    frontends: [{ name: 'web', protocol: 'http', port: 80, ruleOrder: 'most-specific', rules, defaultAction: { fixedResponse: { statusCode: 404 } } }],
    pools: [{ name: 'p', protocol: 'http', port: 8080 }],
  });
  return selectRule(model.frontends[0], REQUEST)!.name;
}

const names = Object.keys(SHAPES);
const PAIRS: Array<[string, string, string]> = [];
for (const a of names) {
  for (const b of names) {
    if (a === b) continue;
    const order = compare(gatewayRank(SHAPES[a]), gatewayRank(SHAPES[b]));
    // A tie goes to the first declared.
    PAIRS.push([a, b, order <= 0 ? a : b]);
  }
}

describe('most-specific follows Gateway API precedence for every pair of rule shapes', () => {
  test.each(PAIRS)('%s declared before %s: %s wins', (a, b, expected) => {
    expect(winner([a, SHAPES[a]], [b, SHAPES[b]])).toBe(expected);
  });

  test('the issue-16 case: a header-only rule beats a bare prefix / declared earlier', () => {
    expect(winner(['root', SHAPES['root-prefix']], ['header', SHAPES['no-path-one-header']])).toBe('header');
  });

  test('an absent path ties with prefix /: declaration order decides', () => {
    expect(winner(['root', SHAPES['root-prefix']], ['none', SHAPES['no-path']])).toBe('root');
    expect(winner(['none', SHAPES['no-path']], ['root', SHAPES['root-prefix']])).toBe('none');
  });

  test('the table covers 13 shapes in both orders', () => {
    expect(PAIRS).toHaveLength(13 * 12);
  });
});
