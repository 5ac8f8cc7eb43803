/** lb-cookie persistence with a session cookie (no Max-Age) over real sockets. */
import { request, startBackends, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { httpSpec, startLb } from './support';

let lb: LocalLoadBalancer;
let backends: TestBackend[];

beforeAll(async () => {
  backends = await startBackends(['a', 'b', 'c']);
  lb = await startLb(httpSpec({ sessionPersistence: { type: 'lb-cookie', sessionCookie: true } }), { bindings: { app: backends.map((b) => b.address) } });
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await Promise.all(backends.map((b) => b.close()));
});

test('the persistence cookie is a session cookie: no Max-Age, no Expires', async () => {
  const res = await request(lb.url('web'));
  const [line] = res.headers['set-cookie'] ?? [];
  expect(line).toMatch(/^lbkit\.app=[0-9a-f]{8}; Path=\/; HttpOnly$/);
});

test('a client sending the session cookie keeps its member for 30 requests', async () => {
  const first = await request(lb.url('web'));
  const cookie = first.headers['set-cookie']![0].split(';')[0];
  const member = first.headers['x-backend'];
  for (let i = 0; i < 30; i++) {
    const res = await request(lb.url('web'), { headers: { cookie } });
    expect(res.headers['x-backend']).toBe(member);
    expect(res.headers['set-cookie']).toBeUndefined();
  }
});
