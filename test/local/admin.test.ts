/** Observability: /metrics (Prometheus text via prom-client), /status (JSON), access-log lines. */
import { PassThrough } from 'node:stream';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, type AccessLogEntry, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { resolveAdmin } from '../../providers/local/options';
import { metricValue, rawExchange, servePools, startLb } from './support';

const spec: LoadBalancerSpec = {
  name: 'observed',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [
        { name: 'missing', match: { paths: [{ exact: '/missing' }] }, action: { fixedResponse: { statusCode: 404, body: 'nope' } } },
        { name: 'broken', match: { paths: [{ prefix: '/broken' }] }, action: { forward: { pool: 'broken' } } },
      ],
      defaultAction: { forward: { pool: 'app' } },
    },
  ],
  pools: [
    { name: 'app', protocol: 'http', port: 8080 },
    {
      name: 'broken',
      protocol: 'http',
      port: 8080,
      whenAllUnhealthy: 'fail-closed',
      passiveHealthCheck: { consecutiveFailures: 2, ejectionSeconds: 60, maxEjectedPercent: 100 },
    },
  ],
  rateLimits: [{ name: 'tiny', limit: 6, windowSeconds: 60 }],
};

const entries: AccessLogEntry[] = [];
const served = servePools(
  spec,
  ['app', 'broken'],
  { admin: 0, accessLog: (e) => entries.push(e) },
  { broken: { handler: (_req, res) => res.writeHead(500).end('boom') } },
);
let lb: LocalLoadBalancer;
let app: TestBackend;
let broken: TestBackend;

beforeAll(async () => {
  ({
    lb,
    backends: [app, broken],
  } = served);
  await request(`${lb.url('web')}/a?x=1`, { headers: { 'user-agent': 'jest' } });
  await request(`${lb.url('web')}/b`);
  await request(`${lb.url('web')}/missing`);
  await request(`${lb.url('web')}/broken`);
  await request(`${lb.url('web')}/broken`);
  await request(`${lb.url('web')}/broken`); // ejected after two failures, fail-closed: 503
  await request(`${lb.url('web')}/`); // 7th request: over the limit of 6
  await rawExchange(lb.address('web').port, 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
});

test("/metrics serves Prometheus text from the load balancer's own registry", async () => {
  const res = await request(`${lb.adminUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = res.body;
  const req = (labels: Record<string, string>) => metricValue(text, 'lbkit_requests_total', labels);
  expect(req({ frontend: 'web', rule: '(default)', pool: 'app', member: app.address, status_class: '2xx' })).toBe(2);
  expect(req({ frontend: 'web', rule: 'missing', pool: '', member: '', status_class: '4xx' })).toBe(1);
  expect(req({ frontend: 'web', rule: 'broken', pool: 'broken', member: broken.address, status_class: '5xx' })).toBe(2);
  expect(req({ frontend: 'web', rule: 'broken', pool: 'broken', member: '', status_class: '5xx' })).toBe(1);
  expect(req({ frontend: 'web', rule: '(default)', pool: '', member: '', status_class: '4xx' })).toBe(2); // 429, and the refused 400
  expect(metricValue(text, 'lbkit_request_duration_seconds_count', { frontend: 'web' })).toBe(8);
  expect(text).toMatch(/lbkit_request_duration_seconds_bucket\{le="0\.005",frontend="web"\} \d+/);
  expect(metricValue(text, 'lbkit_member_healthy', { pool: 'app', member: app.address })).toBe(1);
  expect(metricValue(text, 'lbkit_member_ejected', { pool: 'broken', member: broken.address })).toBe(1);
  expect(metricValue(text, 'lbkit_member_ejections_total', { pool: 'broken', member: broken.address })).toBe(1);
  expect(metricValue(text, 'lbkit_rate_limited_total', { frontend: 'web', limit: 'tiny' })).toBe(1);
  expect(metricValue(text, 'lbkit_bad_requests_total', { frontend: 'web', reason: 'invalid-host' })).toBe(1);
  expect(text).toContain('# TYPE lbkit_active_connections gauge');
  expect(await lb.metrics()).toContain('lbkit_member_in_flight{pool="app"');
});

test('/status lists frontends, pools and members', async () => {
  const res = await request(`${lb.adminUrl}/status`);
  expect(res.headers['content-type']).toBe('application/json');
  const status = JSON.parse(res.body);
  expect(status.name).toBe('observed');
  expect(status.frontends[0]).toMatchObject({
    name: 'web',
    protocol: 'http',
    address: `127.0.0.1:${lb.address('web').port}`,
    badRequests: { 'invalid-host': 1 },
    rateLimited: { tiny: 1 },
  });
  expect(status.frontends[0].responses).toEqual({ '2xx': 2, '4xx': 3, '5xx': 3 });
  expect(status.pools.map((p: { name: string }) => p.name)).toEqual(['app', 'broken']);
  expect(status.pools[1].members[0]).toMatchObject({
    address: broken.address,
    healthy: true,
    available: false,
    ejected: true,
    ejections: 1,
    failures: 2,
    inFlight: 0,
  });
  expect(status.pools[0].members[0].latencyEwmaMs).toBeGreaterThan(0);
  expect((await request(`${lb.adminUrl}/nope`)).status).toBe(404);
});

test('one access-log entry per request, with ALB fields', async () => {
  expect(entries).toHaveLength(8);
  const first = entries[0];
  expect(first).toMatchObject({
    type: 'http',
    elb: 'observed',
    frontend: 'web',
    target: app.address,
    elb_status_code: 200,
    target_status_code: 200,
    request: `GET http://127.0.0.1:${lb.address('web').port}/a?x=1 HTTP/1.1`,
    user_agent: 'jest',
    target_group: 'app',
    matched_rule: '-',
    matched_rule_priority: 0,
    actions_executed: 'forward',
    error_reason: '-',
    classification: 'Compliant',
    ssl_cipher: '-',
    ssl_protocol: '-',
  });
  expect(first.client).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(first.request_processing_time).toBeGreaterThanOrEqual(0);
  expect(first.target_processing_time).toBeGreaterThanOrEqual(0);
  expect(first.received_bytes).toBeGreaterThan(0);
  expect(first.sent_bytes).toBeGreaterThan(first.received_bytes);
  expect(new Date(first.time).getTime()).toBeGreaterThanOrEqual(new Date(first.request_creation_time).getTime());
  expect(entries[2]).toMatchObject({
    elb_status_code: 404,
    target: '-',
    target_status_code: '-',
    matched_rule: 'missing',
    matched_rule_priority: 1,
    actions_executed: 'fixed-response',
  });
  expect(entries[5]).toMatchObject({ elb_status_code: 503, error_reason: 'NoHealthyTargets', target_group: 'broken' });
  expect(entries[6]).toMatchObject({ elb_status_code: 429, actions_executed: 'rate-limit', error_reason: 'RateLimited:tiny' });
  expect(entries[7]).toMatchObject({ elb_status_code: 400, actions_executed: 'refused', classification: 'Severe', classification_reason: 'invalid-host' });
});

test('a stream sink gets one JSON line per request', async () => {
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (d) => (text += d));
  const other = await startLb(spec, { bindings: { app: [app.address], broken: [] }, accessLog: sink });
  try {
    await request(`${other.url('web')}/one`);
    await request(`${other.url('web')}/two`);
  } finally {
    await other.stop({ graceMs: 0 });
  }
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(
    lines.map((l) =>
      JSON.parse(l)
        .request.split(' ')[1]
        .replace(/^http:\/\/[^/]+/, ''),
    ),
  ).toEqual(['/one', '/two']);
});

test('a spec that turns access logs on without a sink to write them to gets a start warning', async () => {
  const withLogs: LoadBalancerSpec = { ...spec, accessLogs: { prefix: 'observed' } };
  const silent = await startLb(withLogs, { bindings: { app: [app.address], broken: [] } });
  const logged = await startLb(withLogs, { bindings: { app: [app.address], broken: [] }, accessLog: () => undefined });
  try {
    expect(silent.warnings).toEqual(['accessLogs: the spec turns access logs on, but no accessLog sink was given, so none are written']);
    expect(logged.warnings).toEqual([]);
    expect(lb.warnings).toEqual([]);
  } finally {
    await Promise.all([silent.stop({ graceMs: 0 }), logged.stop({ graceMs: 0 })]);
  }
});

describe('where the admin server listens', () => {
  test('on loopback whatever host the frontends listen on; a host of its own only when its address names one', async () => {
    // 127.0.0.2 is a loopback address too (Linux routes 127/8 to lo): the frontends' host differs from the admin's.
    const split = await startLb(spec, { bindings: { app: [app.address], broken: [] }, host: '127.0.0.2', admin: 0 });
    const own = await startLb(spec, { bindings: { app: [app.address], broken: [] }, host: '127.0.0.2', admin: '127.0.0.3:0' });
    try {
      expect(split.address('web').host).toBe('127.0.0.2');
      expect(split.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await request(`${split.adminUrl}/status`)).status).toBe(200);
      expect(own.adminUrl).toMatch(/^http:\/\/127\.0\.0\.3:\d+$/);
    } finally {
      await Promise.all([split.stop({ graceMs: 0 }), own.stop({ graceMs: 0 })]);
    }
  });

  test('the address a port-only admin option resolves to is 127.0.0.1 (no interface is bound here)', () => {
    expect(resolveAdmin(9901)).toEqual({ host: '127.0.0.1', port: 9901 });
    expect(resolveAdmin('9901')).toEqual({ host: '127.0.0.1', port: 9901 });
    expect(resolveAdmin('0.0.0.0:9901')).toEqual({ host: '0.0.0.0', port: 9901 });
    expect(resolveAdmin(false)).toBeUndefined();
    expect(resolveAdmin(undefined)).toBeUndefined();
  });
});
