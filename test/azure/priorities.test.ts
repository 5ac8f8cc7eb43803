/**
 * Routing-rule priorities are stable (plan/priorities.ts): inserting, removing or reordering rules never
 * changes another rule's priority nor reuses one another rule holds, and they still give Application
 * Gateway's evaluation order (exact hosts, wildcards longest first, any host).
 */
import fc from 'fast-check';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { planApplicationGateway } from '../../providers/azure/plan';
import { bandOf, listenerPriorities, PRIORITY_BANDS } from '../../providers/azure/plan/priorities';
import { appgwScope, l7Spec } from './helpers';

const hostRule = (host: string): RuleSpec => ({
  name: host.replace(/^\*\./, 'star-').replace(/\./g, '-'),
  match: { hosts: [host] },
  action: { forward: { pool: 'app' } },
});
const spec = (hosts: readonly string[], extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec =>
  l7Spec({
    frontends: [
      { name: 'web', protocol: 'http', port: 80, rules: hosts.map(hostRule), defaultAction: { forward: { pool: 'app' } } },
      { name: 'alt', protocol: 'http', port: 8080, rules: [hostRule('alt.example.com')], defaultAction: { forward: { pool: 'app' } } },
    ],
    strict: false,
    ...extra,
  });
/** Priority by routing-rule name. */
const priorities = (s: LoadBalancerSpec) =>
  new Map(planApplicationGateway(appgwScope(buildModel(s)), 'shop', false)!.requestRoutingRules.map((r) => [r.name, r.priority]));

function expectStable(before: Map<string, number>, after: Map<string, number>): void {
  const kept = [...before.keys()].filter((name) => after.has(name));
  expect(kept.map((name) => [name, after.get(name)])).toEqual(kept.map((name) => [name, before.get(name)]));
  const added = [...after.keys()].filter((name) => !before.has(name));
  const held = new Set(before.values());
  expect(added.filter((name) => held.has(after.get(name)!))).toEqual([]);
  expect(new Set(after.values()).size).toBe(after.size);
}

const HOSTS = ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'];

test("inserting a host rule in the middle of a frontend changes no existing rule's priority", () => {
  const before = priorities(spec(HOSTS));
  const after = priorities(spec([...HOSTS.slice(0, 2), 'new.example.com', ...HOSTS.slice(2)]));
  expect(after.size).toBe(before.size + 1);
  expectStable(before, after);
});

test('dual-stack: inserting keeps the IPv6 twins too', () => {
  const before = priorities(spec(HOSTS, { ipAddressType: 'dualstack' }));
  const after = priorities(spec(['x.example.com', ...HOSTS, '*.example.com'], { ipAddressType: 'dualstack' }));
  expect(after.size).toBe(before.size + 4);
  expectStable(before, after);
});

test("removing and reordering rules changes no remaining rule's priority", () => {
  const before = priorities(spec(HOSTS));
  expectStable(before, priorities(spec([HOSTS[3], HOSTS[0], HOSTS[2]])));
  expectStable(before, priorities(spec([...HOSTS].reverse())));
});

const hostArb = fc.oneof(
  fc.stringMatching(/^[a-z]{1,8}$/).map((l) => `${l}.example.com`),
  fc.stringMatching(/^[a-z]{1,8}$/).map((l) => `*.${l}.example.org`),
  fc.constantFrom('*.example.com', '*.a.b.example.com', 'shop.example.net'),
);

test('property: any insertion, removal or reorder of up to 40 hosts keeps every other priority (seeded)', () => {
  fc.assert(
    fc.property(fc.uniqueArray(hostArb, { minLength: 1, maxLength: 40 }), hostArb, fc.nat(), fc.nat(), (hosts, extra, at, drop) => {
      if (hosts.includes(extra)) return;
      const before = priorities(spec(hosts));
      const inserted = [...hosts.slice(0, at % (hosts.length + 1)), extra, ...hosts.slice(at % (hosts.length + 1))];
      expectStable(before, priorities(spec(inserted)));
      expectStable(before, priorities(spec(hosts.filter((_, i) => i !== drop % hosts.length).reverse())));
    }),
    { numRuns: 150, seed: 20261202 },
  );
});

test("property: priorities keep Application Gateway's evaluation order within a frontend (seeded)", () => {
  fc.assert(
    fc.property(fc.uniqueArray(hostArb, { minLength: 1, maxLength: 30 }), (hosts) => {
      const gw = planApplicationGateway(appgwScope(buildModel(spec(hosts))), 'shop', false)!;
      const rank = (host: string | undefined) => (!host ? 3 : host.startsWith('*.') ? 2 : 1);
      const web = gw.httpListeners.filter((l) => l.frontend === 'web');
      const priority = new Map(gw.requestRoutingRules.map((r) => [r.httpListener.name, r.priority]));
      // Listener order is evaluation order (routing.ts): any pair of a less and a more general listener keeps it.
      for (let i = 0; i < web.length; i++) {
        for (let j = i + 1; j < web.length; j++) {
          const [a, b] = [web[i].hostNames[0], web[j].hostNames[0]];
          const generalises = rank(a) < rank(b) || (rank(a) === 2 && rank(b) === 2 && a.length > b.length);
          if (generalises) expect(priority.get(web[i].name)!).toBeLessThan(priority.get(web[j].name)!);
        }
      }
      for (const p of priority.values()) expect(p >= 1 && p <= 20000).toBe(true);
    }),
    { numRuns: 150, seed: 20261203 },
  );
});

test('bands: exact hosts, wildcards by suffix length (longest first), any host', () => {
  expect(bandOf('a.example.com').first).toBe(PRIORITY_BANDS.exact.first);
  expect(bandOf('').first).toBe(PRIORITY_BANDS.any.first);
  expect(bandOf('*.a.example.com').first).toBeLessThan(bandOf('*.example.com').first);
  expect(bandOf('*.x').first + bandOf('*.x').size - 1).toBeLessThanOrEqual(PRIORITY_BANDS.wildcard.last);
  // A name collision: the name that sorts first keeps the slot, the other probes to a free one.
  const many = listenerPriorities(Array.from({ length: 3000 }, (_, i) => ({ name: `l${i}`, host: `h${i}.example.com` })));
  expect(new Set(many.values()).size).toBe(3000);
});
