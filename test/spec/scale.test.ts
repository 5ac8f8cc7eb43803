/**
 * Issue 15, the spec loader: validation is near-linear. "Did you mean" is bounded (length-indexed candidates,
 * capped comparisons and hints) and the shadowed-rule check uses an index instead of every pair (capped, and
 * said so, when rules share host and path). The time bounds are generous (the quadratic code took 32 s for
 * 4,000 unknown pool references and 9.5 s for 10,000 rules); the index's answers are compared with the
 * pairwise check on random rules.
 */
import fc from 'fast-check';
import { buildModel } from '../../lib/model';
import { matchModel } from '../../lib/model/build';
import { findShadowed, covers, MAX_SHADOW_COMPARISONS } from '../../lib/model/shadow';
import { specIssues, type LoadBalancerSpec, type RuleSpec } from '../../lib/spec';
import { boundedEditDistance, MAX_COMPARISONS, Suggester } from '../../lib/spec/suggest';

const N = 10_000;

function manyRules(rules: RuleSpec[], pools: number, ruleOrder: 'first-match' | 'most-specific' = 'first-match'): LoadBalancerSpec {
  return {
    name: 'big',
    frontends: [{ name: 'web', protocol: 'http', port: 80, ruleOrder, rules, defaultAction: { forward: { pool: 'pool-0' } } }],
    pools: Array.from({ length: pools }, (_, i) => ({ name: `pool-${i}`, protocol: 'http' as const, port: 8080 })),
  };
}

/**
 * CPU seconds a call takes: unlike wall time, this does not grow when other processes share the machine,
 * so the generous bounds below only fail for a change in complexity.
 */
function seconds(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

describe('did-you-mean stays bounded', () => {
  test(`${N} unknown pool references among ${N} pools validate in under 5 s`, () => {
    const rules = Array.from({ length: N }, (_, i) => ({ name: `r${i}`, action: { forward: { pool: `pool-${i}x` } } }));
    let issues: ReturnType<typeof specIssues> = [];
    expect(
      seconds(() => {
        issues = specIssues(manyRules(rules, N));
      }),
    ).toBeLessThan(5);
    expect(issues).toHaveLength(N);
    // The first references still get a hint; the rest a short list, never all 10,000 names.
    expect(issues[0].fix).toBe("did you mean 'pool-0'?");
    expect(issues[N - 1].fix).toMatch(/^use one of: pool-0, pool-1, .*… \(10000 in all\)$/);
    expect(Math.max(...issues.map((i) => (i.fix ?? '').length))).toBeLessThan(200);
  }, 30_000);

  test('a hint compares with at most MAX_COMPARISONS candidates, and only those within reach by length', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `n${String(i).padStart(6, '0')}`);
    const suggester = new Suggester([...names, 'x'.repeat(40)]);
    expect(suggester.closest('n000000')).toBe('n000000');
    // A 1 MB word is compared with nothing: no candidate has a length within 2 of it.
    expect(seconds(() => expect(suggester.closest('y'.repeat(1024 * 1024))).toBeUndefined())).toBeLessThan(1);
    expect(MAX_COMPARISONS).toBeLessThanOrEqual(2000);
  });

  test('the banded edit distance agrees with the full one within its bound', () => {
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
      for (let j = 1; j <= b.length; j++) d[0][j] = j;
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      return d[a.length][b.length];
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(boundedEditDistance(a, b, max)).toBe(Math.min(full(a, b), max + 1));
      }),
      { seed: 15, numRuns: 500 },
    );
  });
});

describe('shadowed rules without comparing every pair', () => {
  test.each(['first-match', 'most-specific'] as const)(
    `${N} rules on distinct hosts and paths are checked in under 5 s (%s)`,
    (order) => {
      const rules = Array.from({ length: N }, (_, i) => ({
        name: `r${i}`,
        match: { hosts: [`h${i % 100}.example.com`], paths: [{ prefix: `/api/${i}` }, { exact: `/x/${i}` }] },
        action: { forward: { pool: `pool-${i % 10}` } },
      }));
      let warnings: readonly { code: string }[] = [];
      expect(
        seconds(() => {
          warnings = buildModel(manyRules(rules, 10, order)).warnings;
        }),
      ).toBeLessThan(5);
      expect(warnings.filter((w) => w.code.startsWith('shadow'))).toEqual([]);
    },
    30_000,
  );

  test(`the index compares each of ${N} distinct rules with a few candidates, not with every earlier rule`, () => {
    const rules = Array.from({ length: N }, (_, i) => ({
      name: `r${i}`,
      match: matchModel({ hosts: [`h${i % 100}.example.com`], paths: [{ prefix: `/api/${i}` }] }),
    }));
    const result = findShadowed(rules);
    expect(result.shadowed).toEqual([]);
    // Pairwise would be N * (N - 1) / 2 = 49,995,000 comparisons.
    expect(result.comparisons).toBeLessThan(N);
  });

  test('a catch-all rule early shadows every later one, found through the index', () => {
    const rules = [
      { name: 'all', match: { paths: [{ prefix: '/' }] }, action: { forward: { pool: 'pool-0' } } },
      ...Array.from({ length: 2000 }, (_, i) => ({
        name: `r${i}`,
        match: { hosts: [`h${i}.example.com`], paths: [{ exact: `/p/${i}` }] },
        action: { forward: { pool: 'pool-0' } },
      })),
    ];
    const shadowed = buildModel(manyRules(rules, 1)).warnings.filter((w) => w.code === 'shadowed-rule');
    expect(shadowed).toHaveLength(2000);
    expect(shadowed[1999].message).toBe("rule 'r1999' of frontend 'web' never matches: rule 'all' before it takes every request it would");
  });

  test('rules that share host and path compare pairwise only up to the cap, and the model says where it stopped', () => {
    const rules = Array.from({ length: 3000 }, (_, i) => ({
      name: `r${i}`,
      match: { paths: [{ prefix: '/api' }], headers: [{ name: 'x-id', exact: `${i}` }] },
      action: { forward: { pool: 'pool-0' } },
    }));
    const model = buildModel(manyRules(rules, 1));
    const capped = model.warnings.filter((w) => w.code === 'shadow-check-capped');
    expect(capped).toEqual([
      expect.objectContaining({
        path: 'frontends[0].rules',
        message: expect.stringMatching(/stopped after 1,000,000 comparisons; rules from 'r\d+' \(position \d+ of 3000\) on were not checked/),
      }),
    ]);
    expect(MAX_SHADOW_COMPARISONS).toBe(1_000_000);
  }, 30_000);

  test('the index finds the same shadowing rule as comparing every pair', () => {
    const host = fc.constantFrom('a.example.com', 'b.example.com', '*.example.com', 'x.a.example.com', '*.a.example.com', 'example.com');
    const path = fc.oneof(
      fc.constantFrom('/', '/a', '/a/b', '/a/b/c', '/b', '/a//b').map((prefix) => ({ prefix })),
      fc.constantFrom('/a', '/a/b', '/a/b/c', '/b', '/a/', '/a//b/c').map((exact) => ({ exact })),
      fc.constantFrom('/a.*', '/b+').map((regex) => ({ regex })),
    );
    const match = fc.record(
      {
        hosts: fc.option(fc.array(host, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        paths: fc.option(fc.array(path, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        methods: fc.option(fc.constantFrom(['GET'] as const, ['GET', 'POST'] as const), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(match, { maxLength: 25 }), (matches) => {
        const rules = matches.map((m, i) => ({ name: `r${i}`, match: matchModel(m as never) }));
        const pairwise = rules.flatMap((rule, j) => {
          const by = rules.slice(0, j).find((r) => covers(r.match, rule.match));
          return by ? [{ rule: rule.name, by: by.name }] : [];
        });
        const indexed = findShadowed(rules);
        expect(indexed.stoppedAt).toBeUndefined();
        expect(indexed.shadowed.map(({ rule, by }) => ({ rule: rule.name, by: by.name }))).toEqual(pairwise);
      }),
      { seed: 1515, numRuns: 400 },
    );
  });
});
