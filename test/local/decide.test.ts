/**
 * decide() (providers/local/http/decide.ts) without a socket: a request's rule, rate limit, action, pool,
 * member and cookies are one value, computed from the request and the frontend's run-time state alone.
 */
import { buildModel, type ActionModel, type LoadBalancerModel } from '../../lib/model';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { PoolRuntime } from '../../providers/local/balancer/pool';
import { decide, type DecisionRequest, type DecisionState } from '../../providers/local/http/decide';
import { inspectRequest } from '../../providers/local/http/inspect';
import { FrontendRateLimits, RateLimit } from '../../providers/local/http/rate-limit';
import { WeightedSplit } from '../../providers/local/http/weighted';
import { TimeScale } from '../../providers/local/time';
import { weighted } from '../support/specs';

const spec: LoadBalancerSpec = {
  name: 'decide',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [
        { name: 'old', match: { paths: [{ exact: '/old' }] }, action: { redirect: { path: '/new', statusCode: 301 } } },
        { name: 'teapot', match: { paths: [{ exact: '/teapot' }] }, action: { fixedResponse: { statusCode: 418, contentType: 'text/plain', body: 'short' } } },
        {
          name: 'split',
          match: { paths: [{ prefix: '/split' }] },
          action: weighted({ app: 1, closed: 0 }, 60),
        },
        { name: 'closed', match: { paths: [{ prefix: '/closed' }] }, action: { forward: { pool: 'closed' } } },
        { name: 'login', match: { paths: [{ exact: '/login' }] }, action: { forward: { pool: 'app' } } },
      ],
      defaultAction: { forward: { pool: 'app' } },
    },
  ],
  pools: [
    { name: 'app', protocol: 'http', port: 8080, sessionPersistence: { type: 'lb-cookie', durationSeconds: 60 } },
    { name: 'closed', protocol: 'http', port: 8080, whenAllUnhealthy: 'fail-closed' },
  ],
  rateLimits: [{ name: 'login', limit: 1, windowSeconds: 60, scope: { rules: ['web/login'] } }],
};

const time = new TimeScale(1);
let model: LoadBalancerModel;
let state: DecisionState;
let limits: RateLimit[];

beforeAll(() => {
  model = buildModel(spec);
  const member = (port: number) => ({ host: '127.0.0.1', port, weight: 1, probePort: port });
  const pools = new Map(
    model.pools.map((p, i) => [p.name, new PoolRuntime(p, [member(9000 + 10 * i), member(9001 + 10 * i)], time, Math.random, () => undefined)] as const),
  );
  limits = model.rateLimits.map((r, i) => new RateLimit(r, i, time));
  const fe = model.frontends[0];
  const splits = new Map<ActionModel, WeightedSplit>();
  for (const rule of fe.rules) {
    if (rule.action.type === 'weighted-forward') splits.set(rule.action, new WeightedSplit(rule.action, pools, fe.name, rule.id, time, false));
  }
  state = { model: fe, scheme: 'http', pools, limits: new FrontendRateLimits(fe.name, limits), splits, mapPort: (p) => p };
});

afterAll(() => limits.forEach((l) => l.close()));

function request(url: string, headers: string[] = [], method = 'GET'): DecisionRequest {
  const rawHeaders = ['Host', 'example.com', ...headers];
  return {
    method,
    rawHeaders,
    clientIp: '10.0.0.1',
    localAddress: '127.0.0.1',
    localPort: 8080,
    now: Date.now(),
    inspected: inspectRequest({ method, url, httpVersionMajor: 1, httpVersionMinor: 1, rawHeaders }),
  };
}

test('a forward: rule, pool, member and the lb-cookie to set, as one value', () => {
  const d = decide(state, request('/login'));
  expect(d).toMatchObject({ kind: 'forward', rule: { name: 'login' }, pool: { name: 'app' } });
  if (d.kind !== 'forward') throw new Error('not a forward');
  expect(d.cookies).toEqual({
    group: undefined,
    member: expect.stringMatching(new RegExp(`^lbkit\\.app=${d.member.id}; Max-Age=60; Path=/; HttpOnly$`)),
    appRebind: false,
  });
  // The cookie it set names the member: the next request goes there, and no cookie is due.
  const again = decide(state, request('/', ['Cookie', `lbkit.app=${d.member.id}`]));
  expect(again).toMatchObject({ kind: 'forward', rule: undefined, member: d.member, cookies: { member: undefined } });
});

test('rate limit, redirect, fixed response and refusal are answers decided before any member', () => {
  // The first test's /login used the limit's one request of the window.
  expect(decide(state, request('/login'))).toMatchObject({ kind: 'rate-limited', rule: { name: 'login' }, limit: 'login', status: 429, retryAfterSeconds: 60 });
  expect(decide(state, request('/old?x=1'))).toEqual({
    kind: 'redirect',
    rule: expect.objectContaining({ name: 'old' }),
    status: 301,
    location: 'http://example.com:8080/new?x=1',
  });
  expect(decide(state, request('/teapot'))).toMatchObject({ kind: 'fixed-response', status: 418, contentType: 'text/plain', body: 'short' });
  expect(decide(state, request('/', ['Content-Length', '1', 'Content-Length', '2'], 'POST'))).toMatchObject({
    kind: 'refused',
    rule: undefined,
    refusal: { status: 400, reason: 'smuggling' },
  });
  expect(decide(state, request('/', ['Upgrade', 'websocket', 'Connection', 'Upgrade', 'Content-Length', '5']))).toMatchObject({
    kind: 'refused',
    refusal: { reason: 'smuggling' },
  });
});

test('a weighted split sets its stickiness cookie; a pool with nobody to take the request is a 503 decision naming it', () => {
  expect(decide(state, request('/split'))).toMatchObject({
    kind: 'forward',
    pool: { name: 'app' },
    cookies: { group: expect.stringMatching(/^lbkit-group\.web\.split=app; Max-Age=60;/) },
  });
  const closed = state.pools.get('closed')!;
  for (const m of closed.members) m.healthy = false;
  expect(decide(state, request('/closed'))).toMatchObject({ kind: 'no-member', pool: closed, why: "no member of pool 'closed' can take the request" });
  for (const m of closed.members) m.healthy = true;
  expect(decide(state, request('/closed'))).toMatchObject({ kind: 'forward', pool: closed });
});
