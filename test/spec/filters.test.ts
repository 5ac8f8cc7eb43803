/** Validation of rule filters (lib/spec/semantic-filters.ts): every problem with its path. */
import { specIssues } from '../../lib/spec/load';
import { buildModel } from '../../lib/model/build';
import type { RuleSpec } from '../../lib/spec/schema';

const withRules = (rules: RuleSpec[], defaultAction: RuleSpec['action'] = { forward: { pool: 'app' } }) => ({
  name: 'f',
  frontends: [{ name: 'web', protocol: 'http' as const, port: 80, rules, defaultAction }],
  pools: [{ name: 'app', protocol: 'http' as const, port: 8080 }],
});
const paths = (issues: ReturnType<typeof specIssues>) => issues.map((i) => i.path);

test('a well-formed rule with every filter is valid', () => {
  expect(
    specIssues(
      withRules([
        {
          name: 'r',
          match: { paths: [{ prefix: '/a' }] },
          action: { forward: { pool: 'app' } },
          requestHeaders: { set: [{ name: 'x-a', value: '1' }], add: [{ name: 'x-b', value: '2' }], remove: ['x-c'] },
          responseHeaders: { set: [{ name: 'cache-control', value: 'no-store' }] },
          rewrite: { host: 'in.example.com', path: { prefix: '/b' } },
        },
      ]),
    ),
  ).toEqual([]);
});

test('filters on a rule that does not forward are refused', () => {
  expect(
    paths(
      specIssues(
        withRules([
          {
            name: 'r',
            action: { fixedResponse: { statusCode: 200 } },
            requestHeaders: { remove: ['x-a'] },
            rewrite: { host: 'a.example.com' },
          },
        ]),
      ),
    ),
  ).toEqual(['frontends[0].rules[0].requestHeaders', 'frontends[0].rules[0].rewrite']);
});

test('protected and repeated header names are refused', () => {
  expect(
    paths(
      specIssues(
        withRules([
          {
            name: 'r',
            action: { forward: { pool: 'app' } },
            requestHeaders: {
              set: [
                { name: 'Host', value: 'x' },
                { name: 'x-a', value: '1' },
              ],
              remove: ['X-A', 'content-length'],
            },
          },
        ]),
      ),
    ),
  ).toEqual([
    'frontends[0].rules[0].requestHeaders.set[0].name',
    'frontends[0].rules[0].requestHeaders.remove[0]',
    'frontends[0].rules[0].requestHeaders.remove[1]',
  ]);
});

test('a prefix rewrite or prefix redirect needs prefix conditions only; not in a default action; not with path', () => {
  expect(
    paths(
      specIssues(
        withRules(
          [
            { name: 'a', match: { paths: [{ exact: '/a' }] }, action: { forward: { pool: 'app' } }, rewrite: { path: { prefix: '/b' } } },
            { name: 'b', match: { headers: [{ name: 'x', present: true }] }, action: { redirect: { pathPrefix: '/b' } } },
            { name: 'c', match: { paths: [{ prefix: '/c' }] }, action: { redirect: { pathPrefix: '/d', path: '/e' } } },
          ],
          { redirect: { pathPrefix: '/x' } },
        ),
      ),
    ),
  ).toEqual([
    'frontends[0].rules[0].rewrite.path.prefix',
    'frontends[0].rules[1].action.redirect.pathPrefix',
    'frontends[0].rules[2].action.redirect.pathPrefix',
    'frontends[0].defaultAction.redirect.pathPrefix',
  ]);
});

describe('retry budget (pool.retryBudget)', () => {
  const tcpSpec = (retryBudget: object) => ({
    name: 'f',
    frontends: [{ name: 'db', protocol: 'tcp' as const, port: 5432, defaultAction: { forward: { pool: 'db' } } }],
    pools: [{ name: 'db', protocol: 'tcp' as const, port: 5432, retryBudget }],
  });

  test('an http pool takes one; the model fills Gateway API defaults', () => {
    const spec = { ...withRules([]), pools: [{ name: 'app', protocol: 'http' as const, port: 8080, retryBudget: { percent: 30 } }] };
    expect(specIssues(spec)).toEqual([]);
    expect(buildModel(spec).pools[0].retryBudget).toEqual({ percent: 30, intervalSeconds: 10, minRetryRate: { count: 10, intervalSeconds: 1 } });
  });

  test('a tcp pool has no HTTP retries to budget; out-of-range values are named', () => {
    expect(specIssues(tcpSpec({})).map((i) => [i.path, i.fix])).toEqual([['pools[0].retryBudget', 'remove retryBudget']]);
    expect(paths(specIssues(tcpSpec({ percent: 101, intervalSeconds: 0, minRetryRate: { count: 0, intervalSeconds: 3601 } })))).toEqual([
      'pools[0].retryBudget.percent',
      'pools[0].retryBudget.intervalSeconds',
      'pools[0].retryBudget.minRetryRate.count',
      'pools[0].retryBudget.minRetryRate.intervalSeconds',
    ]);
  });
});
