/** Session persistence over real sockets: lb-cookie, app-cookie, source-ip, weighted-forward group stickiness. */
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackend, startBackends } from '../../providers/local';
import { httpSpec, startLb, tally } from './support';
import { weighted } from '../support/specs';

const backendOf = (r: { headers: Record<string, unknown> }) => String(r.headers['x-backend']);
const cookiePair = (r: { headers: Record<string, unknown> }, name: string) =>
  ((r.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

describe('lb-cookie', () => {
  test('held for 50 requests; re-picked and re-set when its member dies or drains', async () => {
    const backends = await startBackends(['a', 'b', 'c']);
    const lb = await startLb(httpSpec({ sessionPersistence: { type: 'lb-cookie', durationSeconds: 3600 } }), {
      bindings: { app: backends.map((b) => b.address) },
      timeScale: 0.5,
    });
    const url = `${lb.url('web')}/`;
    try {
      const first = await request(url);
      const setCookie = cookiePair(first, 'lbkit.app')!;
      expect(setCookie).toMatch(/^lbkit\.app=[0-9a-f]{8}; Max-Age=1800; Path=\/; HttpOnly$/);
      const cookie = setCookie.split(';')[0];
      const home = backendOf(first);
      const held: string[] = [];
      for (let i = 0; i < 50; i++) {
        const r = await request(url, { headers: { cookie: `theme=dark; ${cookie}` } });
        expect(cookiePair(r, 'lbkit.app')).toBeUndefined();
        held.push(backendOf(r));
      }
      expect(held).toEqual(Array(50).fill(home));

      // The member dies: the request is retried elsewhere and the cookie re-set to the new member.
      await backends.find((b) => b.name === home)!.kill();
      const moved = await request(url, { headers: { cookie } });
      expect(moved.status).toBe(200);
      const next = backendOf(moved);
      expect(next).not.toBe(home);
      const cookie2 = cookiePair(moved, 'lbkit.app')!.split(';')[0];
      for (let i = 0; i < 10; i++) expect(backendOf(await request(url, { headers: { cookie: cookie2 } }))).toBe(next);

      // Draining: a cookie naming a draining member is re-picked before any request reaches it.
      await lb.drain('app', backends.find((b) => b.name === next)!.address);
      const drained = await request(url, { headers: { cookie: cookie2 } });
      expect([home, next]).not.toContain(backendOf(drained));
      expect(cookiePair(drained, 'lbkit.app')).toBeDefined();
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });

  test('https frontends mark the cookie Secure; a cookie naming no member is re-picked', async () => {
    const backends = await startBackends(['a', 'b']);
    const spec: LoadBalancerSpec = {
      name: 'secure',
      certificates: [{ name: 'site', domains: ['example.com'] }],
      frontends: [{ name: 'web', protocol: 'https', port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } }],
      pools: [{ name: 'app', protocol: 'http', port: 8080, sessionPersistence: { type: 'lb-cookie' } }],
    };
    const lb = await startLb(spec, { bindings: { app: backends.map((b) => b.address) } });
    try {
      const r = await request(`${lb.url('web')}/`, { headers: { cookie: 'lbkit.app=deadbeef' } });
      expect(cookiePair(r, 'lbkit.app')).toMatch(/; Max-Age=86400; Path=\/; HttpOnly; Secure$/);
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });
});

describe('app-cookie', () => {
  test("binds the application's session to the member that set it", async () => {
    const backends = await Promise.all(
      ['a', 'b', 'c'].map((n) =>
        startBackend(n, {
          handler: (req, res) => {
            const headers: Record<string, string> = { 'X-Backend': n };
            if (req.url === '/login') headers['Set-Cookie'] = `SESSION=${n}-1; Path=/`;
            res.writeHead(200, headers).end(n);
          },
        }),
      ),
    );
    const lb = await startLb(httpSpec({ sessionPersistence: { type: 'app-cookie', cookieName: 'SESSION', durationSeconds: 600 } }), {
      bindings: { app: backends.map((b) => b.address) },
    });
    const url = lb.url('web');
    try {
      const login = await request(`${url}/login`);
      const member = backendOf(login);
      const bind = cookiePair(login, 'lbkit-app.app')!;
      expect(bind).toMatch(/^lbkit-app\.app=[0-9a-f]{8}; Max-Age=600; Path=\/; HttpOnly$/);
      const cookies = `SESSION=${member}-1; ${bind.split(';')[0]}`;
      const sticky: string[] = [];
      for (let i = 0; i < 20; i++) sticky.push(backendOf(await request(`${url}/cart`, { headers: { cookie: cookies } })));
      expect(sticky).toEqual(Array(20).fill(member));

      // Without the application's cookie (logged out), the binding no longer applies: round robin again.
      const anonymous: string[] = [];
      for (let i = 0; i < 6; i++) anonymous.push(backendOf(await request(`${url}/cart`, { headers: { cookie: bind.split(';')[0] } })));
      expect(tally(anonymous)).toEqual({ a: 2, b: 2, c: 2 });

      // Its member drains: re-picked, and the binding is re-issued for the new member.
      await lb.drain('app', backends.find((b) => b.name === member)!.address);
      const moved = await request(`${url}/cart`, { headers: { cookie: cookies } });
      expect(backendOf(moved)).not.toBe(member);
      expect(cookiePair(moved, 'lbkit-app.app')).toBeDefined();
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });
});

describe('source-ip', () => {
  test('each client address keeps one member; addresses spread over members', async () => {
    const backends = await startBackends(['a', 'b', 'c']);
    const lb = await startLb(httpSpec({ sessionPersistence: { type: 'source-ip' } }), { bindings: { app: backends.map((b) => b.address) } });
    try {
      const homes: string[] = [];
      for (let c = 1; c <= 30; c++) {
        const from = `127.0.9.${c}`;
        const seen = new Set<string>();
        for (let i = 0; i < 4; i++) seen.add(backendOf(await request(`${lb.url('web')}/`, { localAddress: from })));
        expect(seen.size).toBe(1);
        homes.push([...seen][0]);
      }
      expect(new Set(homes).size).toBe(3);
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });
});

describe('weighted forward with group stickiness', () => {
  test('the split alternates without a cookie, and keeps the pool named by its cookie', async () => {
    const backends = await startBackends(['blue', 'green']);
    const spec: LoadBalancerSpec = {
      name: 'split',
      frontends: [
        {
          name: 'web',
          protocol: 'http',
          port: 80,
          rules: [
            {
              name: 'canary',
              match: { paths: [{ prefix: '/' }] },
              action: weighted({ blue: 1, green: 1 }, 300),
            },
          ],
          defaultAction: { fixedResponse: { statusCode: 404 } },
        },
      ],
      pools: [
        { name: 'blue', protocol: 'http', port: 80 },
        { name: 'green', protocol: 'http', port: 80 },
      ],
    };
    const lb = await startLb(spec, { bindings: { blue: [backends[0].address], green: [backends[1].address] } });
    try {
      const plain = await Promise.all([0, 1, 2, 3].map(async () => request(`${lb.url('web')}/`)));
      expect(tally(plain.map(backendOf))).toEqual({ blue: 2, green: 2 });
      const group = cookiePair(plain[0], 'lbkit-group.web.canary')!;
      expect(group).toMatch(/^lbkit-group\.web\.canary=(blue|green); Max-Age=300; Path=\/; HttpOnly$/);
      const pool = group.split(';')[0].split('=')[1];
      for (let i = 0; i < 30; i++) {
        const r = await request(`${lb.url('web')}/`, { headers: { cookie: group.split(';')[0] } });
        expect(backendOf(r)).toBe(pool);
        expect(cookiePair(r, 'lbkit-group.web.canary')).toBeUndefined();
      }
    } finally {
      await lb.stop({ graceMs: 0 });
      await Promise.all(backends.map((b) => b.close()));
    }
  });
});
