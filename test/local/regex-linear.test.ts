/**
 * Regex conditions cannot freeze the proxy: patterns match with RE2 (re2js), in time linear in the input. With a
 * backtracking engine, '/(a+)+' against '/aaa...a!' doubles its time with every 'a' (27: 0.8 s, 30: 6.5 s; 60 would
 * take centuries), and every other request waits behind it. This is a bound on harm, not a speed test: the bound
 * (1 s) is hundreds of times what the requests need, and the old engine misses it by years.
 */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackends, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { startLb } from './support';

const HARM_BOUND_MS = 1000;
const HOSTILE = 'a'.repeat(64);

const spec: LoadBalancerSpec = {
  name: 'redos',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      rules: [
        { name: 'nested-path', match: { paths: [{ regex: '/(a+)+' }] }, action: { forward: { pool: 'regex' } } },
        { name: 'nested-header', match: { headers: [{ name: 'x-token', regex: '(a+)+b' }] }, action: { forward: { pool: 'regex' } } },
      ],
      defaultAction: { forward: { pool: 'plain' } },
    },
  ],
  pools: [
    { name: 'regex', protocol: 'http', port: 8080 },
    { name: 'plain', protocol: 'http', port: 8080 },
  ],
};

let lb: LocalLoadBalancer;
let backends: TestBackend[];

beforeAll(async () => {
  backends = await startBackends(['regex', 'plain']);
  lb = await startLb(spec, { bindings: { regex: [backends[0].address], plain: [backends[1].address] } });
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all(backends.map((b) => b.close()));
});

async function timed(path: string, headers: Record<string, string> = {}): Promise<{ backend: unknown; ms: number }> {
  const started = process.hrtime.bigint();
  const res = await request(`${lb.url('web')}${path}`, { headers, timeoutMs: 5000 });
  expect(res.status).toBe(200);
  return { backend: res.headers['x-backend'], ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

test('the patterns still route what they match', async () => {
  expect((await timed(`/${HOSTILE}`)).backend).toBe('regex');
  expect((await timed('/', { 'x-token': `${HOSTILE}b` })).backend).toBe('regex');
});

test('hostile inputs complete, and a plain request sent alongside them is not held up', async () => {
  const [path, header, plain] = await Promise.all([timed(`/${HOSTILE}!`), timed('/', { 'x-token': HOSTILE }), timed('/plain')]);
  expect([path.backend, header.backend, plain.backend]).toEqual(['plain', 'plain', 'plain']);
  expect(path.ms).toBeLessThan(HARM_BOUND_MS);
  expect(header.ms).toBeLessThan(HARM_BOUND_MS);
  expect(plain.ms).toBeLessThan(HARM_BOUND_MS);
  // And once they are done, the proxy answers at once.
  expect((await timed('/after')).ms).toBeLessThan(HARM_BOUND_MS);
});
