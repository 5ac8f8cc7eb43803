/** The Gateway API evaluator on the spec's own examples (https://gateway-api.sigs.k8s.io/reference/spec/). */
import type { K8sObject } from '../../providers/kubernetes/objects';
import { evaluateGateway } from './evaluators/k8s-gateway';
import { gatewayListener } from './evaluators/k8s-listeners';
import type { ConformanceRequest } from './evaluators/request';

const gateway = (listeners: Array<Record<string, unknown>>): K8sObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'ns' },
  spec: { gatewayClassName: 'x', listeners },
});
const route = (name: string, spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'ns' },
  spec: { parentRefs: [{ name: 'gw' }], ...spec },
});
const to = (svc: string) => ({ backendRefs: [{ name: svc, port: 80 }] });
const req = (host: string, path: string, extra: Partial<ConformanceRequest> = {}): ConformanceRequest => ({
  frontend: 'web',
  method: 'GET',
  host,
  path,
  query: '',
  headers: [],
  sourceIp: '127.0.0.1',
  ...extra,
});
const run = (gw: K8sObject, routes: K8sObject[], r: ConformanceRequest, listener = 'web') =>
  evaluateGateway(gw, routes, listener, { scheme: 'http', port: 80 }, r, (s) => s);

const GW = gateway([{ name: 'web', port: 80, protocol: 'HTTP' }]);

test('a listener hostname must match the Host; a wildcard takes one or more labels, not the suffix itself', () => {
  const gw = gateway([{ name: 'web', port: 80, protocol: 'HTTP', hostname: '*.example.com' }]);
  const routes = [route('r', { rules: [to('a')] })];
  expect(run(gw, routes, req('foo.example.com', '/'))).toEqual({ kind: 'forward', pools: ['a'] });
  expect(run(gw, routes, req('foo.bar.example.com:8080', '/'))).toEqual({ kind: 'forward', pools: ['a'] });
  expect(run(gw, routes, req('example.com', '/'))).toEqual({ kind: 'no-route' });
});

test('routes attach by parentRef sectionName; hostnames intersect with the Host, port ignored', () => {
  const gw = gateway([
    { name: 'web', port: 80, protocol: 'HTTP' },
    { name: 'other', port: 81, protocol: 'HTTP' },
  ]);
  const routes = [
    route('elsewhere', { parentRefs: [{ name: 'gw', sectionName: 'other' }], rules: [to('x')] }),
    route('named', { hostnames: ['api.example.com'], rules: [to('api')] }),
  ];
  expect(run(gw, routes, req('API.example.com:80', '/v1'))).toEqual({ kind: 'forward', pools: ['api'] });
  expect(run(gw, routes, req('www.example.com', '/v1'))).toEqual({ kind: 'no-route' });
});

test('precedence: hostname before path, path length before method, then header count, then rule order', () => {
  const routes = [
    route('any', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/long/path' } }], ...to('long') }] }),
    route('host', {
      hostnames: ['a.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/x' }, method: 'GET' }], ...to('method') },
        { matches: [{ path: { type: 'PathPrefix', value: '/x/y' } }], ...to('longer') },
        { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-A', value: '1' }] }], ...to('header') },
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], ...to('first') },
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], ...to('second') },
      ],
    }),
  ];
  expect(run(GW, routes, req('a.example.com', '/long/path'))).toEqual({ kind: 'forward', pools: ['first'] });
  expect(run(GW, routes, req('b.example.com', '/long/path'))).toEqual({ kind: 'forward', pools: ['long'] });
  expect(run(GW, routes, req('a.example.com', '/x/y'))).toEqual({ kind: 'forward', pools: ['longer'] });
  expect(run(GW, routes, req('a.example.com', '/x/z'))).toEqual({ kind: 'forward', pools: ['method'] });
  expect(run(GW, routes, req('a.example.com', '/q', { headers: [['x-a', '1']] }))).toEqual({ kind: 'forward', pools: ['header'] });
});

test('PathPrefix matches whole path elements; Exact the whole path', () => {
  const routes = [
    route('r', {
      rules: [
        { matches: [{ path: { type: 'Exact', value: '/e' } }], ...to('exact') },
        { matches: [{ path: { type: 'PathPrefix', value: '/foo' } }], ...to('prefix') },
        { ...to('rest') },
      ],
    }),
  ];
  expect(['/foo', '/foo/', '/foo/bar', '/foobar', '/e', '/e/'].map((p) => run(GW, routes, req('h', p)))).toEqual([
    { kind: 'forward', pools: ['prefix'] },
    { kind: 'forward', pools: ['prefix'] },
    { kind: 'forward', pools: ['prefix'] },
    { kind: 'forward', pools: ['rest'] },
    { kind: 'forward', pools: ['exact'] },
    { kind: 'forward', pools: ['rest'] },
  ]);
});

test('weights: every backend with a weight above 0 may answer; RequestRedirect keeps the query and derives the port from a given scheme', () => {
  const routes = [
    route('r', {
      rules: [
        {
          matches: [{ path: { type: 'Exact', value: '/w' } }],
          backendRefs: [
            { name: 'a', port: 80, weight: 0 },
            { name: 'b', port: 80, weight: 3 },
            { name: 'c', port: 80 },
          ],
        },
        {
          matches: [{ path: { type: 'Exact', value: '/r' } }],
          filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } } }],
        },
      ],
    }),
  ];
  expect(run(GW, routes, req('h', '/w'))).toEqual({ kind: 'forward', pools: ['b', 'c'] });
  expect(run(GW, routes, req('Shop.example.com:80', '/r', { query: 'a=1' }))).toEqual({
    kind: 'redirect',
    status: 302,
    location: 'https://shop.example.com/new?a=1',
  });
});

test("listener binding (Listener.hostname): GEP-3567's example, a misdirected request gets 421, an unserved host 404", () => {
  const gw = gateway([
    { name: 'foo-https', port: 443, protocol: 'HTTPS', hostname: 'foo.example.com' },
    { name: 'wildcard-https', port: 443, protocol: 'HTTPS', hostname: '*.example.com' },
  ]);
  expect(gatewayListener(gw, 443, 'foo.example.com', 'foo.example.com')).toEqual({ listener: 'foo-https' });
  expect(gatewayListener(gw, 443, 'bar.example.com:443', 'bar.example.com')).toEqual({ listener: 'wildcard-https' });
  // A connection negotiated for bar.example.com reused for foo.example.com: the exact listener is elsewhere.
  expect(gatewayListener(gw, 443, 'foo.example.com', 'bar.example.com')).toEqual({ status: 421 });
  expect(gatewayListener(gw, 443, 'example.org', 'foo.example.com')).toEqual({ status: 404 });
  const http = gateway([{ name: 'web', port: 80, protocol: 'HTTP', hostname: '*.example.com' }]);
  expect(gatewayListener(http, 80, 'a.b.example.com')).toEqual({ listener: 'web' });
  expect(gatewayListener(http, 80, 'example.com')).toEqual({ status: 404 });
});
