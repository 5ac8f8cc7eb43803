/**
 * Host binding as a first-match list (lib/model/host-order.ts), held against the binding itself
 * (lib/model/listeners.ts bindHost) and against hostMatches on a grid of names and hosts.
 */
import { buildModel } from '../../lib/model/build';
import { hostBindingOrder, hostIntersection } from '../../lib/model/host-order';
import { hostMatchOf, bindHost, frontendsByPort } from '../../lib/model/listeners';
import { hostMatches } from '../../lib/model/match';

const NAMES = ['a.example.com', 'x.a.example.com', '*.example.com', '*.a.example.com', '*.b.a.example.com', '*.example.org', 'example.com', 'shop.example.org'];
const HOSTS = [
  'a.example.com',
  'x.a.example.com',
  'y.b.a.example.com',
  'b.a.example.com',
  'example.com',
  'z.example.com',
  'shop.example.org',
  'p.example.org',
  'other.test',
];

test('hostIntersection matches a host exactly when both lists do', () => {
  const wrong: string[] = [];
  for (const a of NAMES)
    for (const b of NAMES) {
      const meet = hostIntersection([hostMatchOf(a)], [hostMatchOf(b)]);
      for (const host of HOSTS) {
        const both = hostMatches(hostMatchOf(a), host) && hostMatches(hostMatchOf(b), host);
        if (both !== meet.some((m) => hostMatches(m, host))) wrong.push(`${a} ^ ${b} on ${host}`);
      }
    }
  expect(wrong).toEqual([]);
});

test('the first group of hostBindingOrder that matches a host is the frontend the host binds to; the catch-all takes the rest', () => {
  const frontend = (name: string, hostnames?: string[]) => ({
    name,
    protocol: 'http' as const,
    port: 80,
    ...(hostnames ? { hostnames } : {}),
    defaultAction: { fixedResponse: { statusCode: 200 } },
  });
  const model = buildModel({
    name: 'order',
    frontends: [
      frontend('site', ['example.com', '*.example.com']),
      frontend('a', ['a.example.com', '*.b.a.example.com']),
      frontend('mid', ['*.a.example.com', 'x.a.example.com']),
      frontend('org', ['shop.example.org', '*.example.org']),
      frontend('rest'),
    ],
  });
  const [group] = frontendsByPort(model.frontends);
  const order = hostBindingOrder(group);
  const wrong = HOSTS.filter((host) => {
    const first = order.find((t) => t.names.some((n) => hostMatches(n, host)))?.frontend.name ?? 'rest';
    return first !== bindHost(group, host)?.name;
  });
  expect(wrong).toEqual([]);
  // Adjacent runs of one frontend merge; 'site' comes back after the longer wildcards of 'a' and 'mid'.
  expect(order.map((t) => `${t.frontend.name}: ${t.names.map((n) => n.value).join(' ')}`)).toEqual([
    'site: example.com',
    'a: a.example.com',
    'mid: x.a.example.com',
    'org: shop.example.org',
    'a: *.b.a.example.com',
    'mid: *.a.example.com',
    'site: *.example.com',
    'org: *.example.org',
  ]);
});
