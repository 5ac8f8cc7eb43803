/** Start options are validated up front; every error names the option path. */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { LocalLoadBalancer, type LocalStartOptions } from '../../providers/local';
import { httpSpec } from './support';

const twoPools: LoadBalancerSpec = {
  ...httpSpec(),
  pools: [
    { name: 'app', protocol: 'http', port: 8080 },
    { name: 'spare', protocol: 'http', port: 8080 },
  ],
};

const CASES: Array<[string, Partial<LocalStartOptions>, string, RegExp]> = [
  ['no bindings', { bindings: undefined }, 'bindings', /give the members of each pool/],
  ['a used pool without members', { bindings: {} }, 'bindings.app', /pool 'app' \(used by 'web'\) has no members; bind it/],
  ['an unknown pool', { bindings: { app: [], apq: [] } }, 'bindings.apq', /no pool 'apq' \(did you mean 'app'\?\)/],
  ['a malformed address', { bindings: { app: ['localhost'] } }, 'bindings.app[0]', /'localhost' is not an address/],
  ['port 0', { bindings: { app: ['127.0.0.1:0'] } }, 'bindings.app[0]', /not an address/],
  ['the same member twice', { bindings: { app: ['127.0.0.1:3001', '3001'] } }, 'bindings.app[1]', /bound twice/],
  ['a weight out of range', { bindings: { app: [{ address: '127.0.0.1:3001', weight: 0 }] } }, 'bindings.app[0].weight', /integer 1-1000/],
  ['an unknown frontend', { bindings: { app: [] }, listen: { webb: 0 } }, 'listen.webb', /no frontend 'webb' \(did you mean 'web'\?\)/],
  ['a port out of range', { bindings: { app: [] }, listen: { web: 70000 } }, 'listen.web', /port 0-65535/],
  ['a bad admin address', { bindings: { app: [] }, admin: 'nowhere' }, 'admin', /not a port or 'host:port'/],
  ['a bad rate-limit key bound', { bindings: { app: [] }, maxRateLimitKeys: 0 }, 'maxRateLimitKeys', /positive integer/],
  ['a bad connection bound', { bindings: { app: [] }, maxConnections: 1.5 }, 'maxConnections', /positive integer/],
  ['a bad time scale', { bindings: { app: [] }, timeScale: -1 }, 'timeScale', /positive number/],
  ['an unknown certificate', { bindings: { app: [] }, certificates: { site: { cert: '', key: '' } } }, 'certificates.site', /declares no certificate 'site'/],
];

test.each(CASES)('%s', async (_name, options, option, message) => {
  const error = await LocalLoadBalancer.start(httpSpec(), options as LocalStartOptions).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'LBKIT_LOCAL_OPTIONS', option });
  expect((error as Error).message).toMatch(message);
});

test('an unused pool needs no binding; an empty binding answers 503', async () => {
  const lb = await LocalLoadBalancer.start(twoPools, { bindings: { app: [] }, healthChecks: false });
  try {
    expect(lb.members('spare')).toEqual([]);
    const res = await fetch(`${lb.url('web')}/`);
    expect(res.status).toBe(503);
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

test('a port in use fails to start with LBKIT_LOCAL_LISTEN, and nothing is left listening', async () => {
  const first = await LocalLoadBalancer.start(httpSpec(), { bindings: { app: [] } });
  try {
    const port = first.address('web').port;
    await expect(LocalLoadBalancer.start(httpSpec(), { bindings: { app: [] }, listen: { web: port } })).rejects.toMatchObject({
      code: 'LBKIT_LOCAL_LISTEN',
      message: `cannot listen for 'web' on 127.0.0.1:${port}: EADDRINUSE`,
    });
  } finally {
    await first.stop({ graceMs: 0 });
  }
});

test('an invalid spec is refused before anything starts', async () => {
  await expect(LocalLoadBalancer.start({ name: 'x', frontends: [] } as unknown as LoadBalancerSpec, { bindings: {} })).rejects.toMatchObject({
    code: 'LBKIT_SPEC_INVALID',
  });
});

test('url() is for L7 frontends, address() for all; unknown names are named', async () => {
  const lb = await LocalLoadBalancer.start(httpSpec(), { bindings: { app: [] }, listen: { web: '127.0.0.1:0' } });
  try {
    expect(lb.url('web')).toBe(`http://127.0.0.1:${lb.address('web').port}`);
    expect(() => lb.url('nope')).toThrow("no frontend 'nope'; frontends: web");
    expect(() => lb.members('nope')).toThrow("no pool 'nope'; pools: app");
    expect(() => lb.certificate('site')).toThrow(/no certificate 'site'/);
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});
