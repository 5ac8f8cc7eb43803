/**
 * Route-rule priorities stay put (plan/priorities.ts): with the ledger the component outputs, inserting,
 * removing or reordering rules never changes another rule's priority and never hands out one another rule holds.
 */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { LoadBalancer } from '../../providers/gcp';
import { assignPriorities, MAX_ROUTE_PRIORITY, PRIORITY_STEP } from '../../providers/gcp/plan/priorities';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything } from './fixtures';

const rec = mockPulumi(autonamed);

const rule = (name: string, prefix = `/${name}`): RuleSpec => ({ name, match: { paths: [{ prefix }] }, action: { forward: { pool: 'app' } } });
const spec = (rules: RuleSpec[]): LoadBalancerSpec => ({
  name: 'prio',
  frontends: [{ name: 'web', protocol: 'http', port: 80, rules, defaultAction: { forward: { pool: 'app' } } }],
  pools: [{ name: 'app', protocol: 'http', port: 8080 }],
});

/** The priorities the rendered URL map carries, by rule name (its one path matcher), and the component's ledger. */
async function deploy(rules: RuleSpec[], ledger?: Record<string, Record<string, number>>) {
  rec.reset();
  const lb = new LoadBalancer('prio', placeAnything(buildModel(spec(rules)), ledger ? { routePriorities: ledger } : {}));
  await settle(rec, [lb]);
  const map = rec.get('gcp:compute/uRLMap:URLMap', 'prio-urlmap-web').inputs as { pathMatchers: Array<{ routeRules: Array<{ priority: number }> }> };
  const rendered = map.pathMatchers[0].routeRules.map((r) => r.priority);
  return { rendered, ledger: lb.routePriorities };
}

test('a rule inserted in the middle of a frontend changes no existing priority, and takes one nobody holds', async () => {
  const before = await deploy([rule('a'), rule('b'), rule('c'), rule('d')]);
  expect(before.rendered).toEqual([1000, 2000, 3000, 4000]);
  const after = await deploy([rule('a'), rule('b'), rule('new'), rule('c'), rule('d')], before.ledger);
  expect(after.ledger.web).toMatchObject(before.ledger.web);
  expect(after.rendered).toEqual([1000, 2000, after.ledger.web.new, 3000, 4000]);
  expect(after.ledger.web.new).toBeGreaterThan(2000);
  expect(after.ledger.web.new).toBeLessThan(3000);
});

test('without the ledger, rules are numbered afresh (the documented reason to pass it back)', async () => {
  const fresh = await deploy([rule('a'), rule('new'), rule('b')]);
  expect(fresh.rendered).toEqual([1000, 2000, 3000]);
});

describe('assignPriorities', () => {
  const ids = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnop'.split('')), { minLength: 0, maxLength: 12 });

  test("any insert, removal or reorder: every rule still in a kept increasing run keeps its priority; new ones are unique, increasing, in range, and no one else's", () => {
    fc.assert(
      fc.property(ids, ids, (first, second) => {
        const ledger = Object.fromEntries(assignPriorities(first).priorities);
        const { priorities, renumbered } = assignPriorities(second, ledger);
        const values = second.map((id) => priorities.get(id)!);
        // Strictly increasing in evaluation order (first match), in range.
        values.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(MAX_ROUTE_PRIORITY);
          if (i) expect(p).toBeGreaterThan(values[i - 1]);
        });
        expect(renumbered).toBe(false);
        // Rules that kept their relative order all keep their priority when the new list only inserts or removes.
        const common = second.filter((id) => id in ledger);
        const orderKept = common.every((id, i) => !i || ledger[id] > ledger[common[i - 1]]);
        if (orderKept) for (const id of common) expect(priorities.get(id)).toBe(ledger[id]);
        // No rule takes a priority the ledger gives another rule that is still there.
        for (const id of second) {
          const holder = common.find((other) => other !== id && ledger[other] === priorities.get(id));
          expect(holder).toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a rule moved against the ledger gets a new priority; the others keep theirs', () => {
    const ledger = { a: 1000, b: 2000, c: 3000, d: 4000 };
    const { priorities } = assignPriorities(['a', 'c', 'b', 'd'], ledger);
    const values = ['a', 'c', 'b', 'd'].map((id) => priorities.get(id)!);
    // Exactly one of b and c (the longest run kept is a, b, d or a, c, d) moves, into the gap its new place leaves.
    expect(['a', 'b', 'c', 'd'].filter((id) => priorities.get(id) !== ledger[id as keyof typeof ledger])).toHaveLength(1);
    expect([priorities.get('a'), priorities.get('d')]).toEqual([1000, 4000]);
    values.forEach((p, i) => {
      if (i) expect(p).toBeGreaterThan(values[i - 1]);
    });
    expect(Object.values(ledger).filter((p) => values.includes(p))).toHaveLength(3);
  });

  test('no room between two ledger priorities: numbered afresh, and said so', () => {
    const { priorities, renumbered } = assignPriorities(['a', 'x', 'b'], { a: 5, b: 6 });
    expect(renumbered).toBe(true);
    expect([...priorities.values()]).toEqual([PRIORITY_STEP, 2 * PRIORITY_STEP, 3 * PRIORITY_STEP]);
  });
});
