/**
 * Listeners with host names over real sockets: several frontends on one port, bound by SNI then Host (exact >
 * longest wildcard > no host names), each with its own certificate and rules; 421 when Host names another
 * frontend than the connection's SNI, 404 when no frontend serves the Host.
 */
import { connect as h2connect } from 'node:http2';
import { connect, type PeerCertificate } from 'node:tls';
import type { LoadBalancerSpec, RuleSpec } from '../../lib/spec/schema';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { rawExchange, startLb } from './support';

const fixed = (body: string) => ({ fixedResponse: { statusCode: 200, body } });

function spec(http2 = false): LoadBalancerSpec {
  const https = (name: string, certificate: string, hostnames?: string[], rules: RuleSpec[] = []) => ({
    name,
    protocol: 'https' as const,
    port: 443,
    ...(hostnames ? { hostnames } : {}),
    tls: { certificate },
    ...(http2 ? { http2 } : {}),
    rules,
    defaultAction: fixed(name),
  });
  const http = (name: string, hostnames?: string[]) => ({
    name: `${name}-http`,
    protocol: 'http' as const,
    port: 80,
    ...(hostnames ? { hostnames } : {}),
    defaultAction: name === 'api' ? { forward: { pool: 'app' } } : fixed(`${name}-http`),
  });
  return {
    name: 'hosts',
    certificates: [
      { name: 'api-cert', domains: ['api.example.com'] },
      { name: 'wild-cert', domains: ['*.example.com'] },
      { name: 'rest-cert', domains: ['rest.test'] },
    ],
    frontends: [
      // The rule's own host condition still applies inside the frontend it is bound to.
      https('wild', 'wild-cert', ['*.example.com'], [{ name: 'deep', match: { hosts: ['x.example.com'] }, action: fixed('wild/deep') }]),
      https('api', 'api-cert', ['API.example.com']),
      https('rest', 'rest-cert'),
      http('api', ['api.example.com']),
      http('wild', ['*.example.com']),
    ],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  };
}

/** One HTTP/1.1 request over TLS with this SNI and Host: the certificate presented, the status and body. */
function tlsRequest(
  port: number,
  servername: string | undefined,
  host: string,
): Promise<{ cert?: PeerCertificate; status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false });
    let text = '';
    let cert: PeerCertificate | undefined;
    socket.once('secureConnect', () => {
      cert = socket.getPeerCertificate();
      socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.once('end', () => {
      // The server closed during the handshake (its SNI callback refused the name).
      if (!cert) return resolve({ error: 'closed during the handshake' });
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ cert, status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve({ cert, error: e.code ?? e.message }));
  });
}

let backend: TestBackend;
let lb: LocalLoadBalancer;
let tlsPort: number;
let httpUrl: string;
beforeAll(async () => {
  backend = await startBackend('app');
  lb = await startLb(spec(), { bindings: { app: [backend.address] } });
  tlsPort = lb.address('api').port;
  httpUrl = lb.url('api-http');
});
afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await backend.close();
});

describe('one socket per port, several frontends', () => {
  test('the frontends of a port listen on one socket', () => {
    expect(lb.address('wild').port).toBe(tlsPort);
    expect(lb.address('rest').port).toBe(tlsPort);
    expect(lb.address('wild-http').port).toBe(lb.address('api-http').port);
    expect(lb.address('api-http').port).not.toBe(tlsPort);
  });

  test.each([
    // [SNI, the certificate's SAN]
    ['api.example.com', 'DNS:api.example.com'],
    ['API.EXAMPLE.COM', 'DNS:api.example.com'],
    ['foo.example.com', 'DNS:*.example.com'],
    ['foo.bar.example.com', 'DNS:*.example.com'],
    ['example.com', 'DNS:rest.test'],
    ['elsewhere.test', 'DNS:rest.test'],
  ])('SNI %s gets the certificate of its frontend (%s)', async (sni, san) => {
    const r = await tlsRequest(tlsPort, sni, sni);
    expect(r.cert?.subjectaltname?.split(', ')[0]).toBe(san);
  });

  test.each([
    // [SNI, Host, status, body]: exact beats wildcard beats none; the rule's host condition applies within its frontend
    ['api.example.com', 'api.example.com', 200, 'api'],
    ['api.example.com', 'Api.Example.Com:443', 200, 'api'],
    ['foo.example.com', 'foo.example.com', 200, 'wild'],
    ['foo.example.com', 'bar.baz.example.com', 200, 'wild'],
    ['x.example.com', 'x.example.com', 200, 'wild/deep'],
    ['y.example.com', 'x.example.com', 200, 'wild/deep'],
    ['elsewhere.test', 'elsewhere.test', 200, 'rest'],
    [undefined, 'example.com', 200, 'rest'],
    ['foo.example.com', 'api.example.com', 421, "belongs to frontend 'wild'"],
    ['api.example.com', 'foo.example.com', 421, "served by frontend 'wild'"],
    ['elsewhere.test', 'api.example.com', 421, "served by frontend 'api'"],
    [undefined, 'foo.example.com', 421, 'TLS server name absent'],
    ['api.example.com', 'elsewhere.test', 421, "served by frontend 'rest'"],
  ])('https: SNI %s, Host %s: %i %s', async (sni, host, status, body) => {
    const r = await tlsRequest(tlsPort, sni, host);
    expect(r.status).toBe(status);
    expect(r.body).toContain(body);
  });

  test('http: Host binds alone; exact beats wildcard; a host no frontend serves gets 404', async () => {
    const cases: Array<[string, number, string]> = [
      ['api.example.com', 200, 'app'],
      ['API.example.com:80', 200, 'app'],
      ['foo.example.com', 200, 'wild-http'],
      ['a.api.example.com', 200, 'wild-http'],
      ['example.com', 404, "no frontend on this port serves host 'example.com'"],
      ['other.test', 404, 'no frontend'],
    ];
    const seen = [];
    for (const [host] of cases) {
      const r = await request(`${httpUrl}/`, { headers: { host } });
      seen.push([host, r.status, r.status === 200 && r.body.startsWith('{') ? (JSON.parse(r.body) as { backend: string }).backend : r.body]);
    }
    expect(seen.map(([h, s, b]) => [h, s, String(b).includes(cases.find((c) => c[0] === h)![2])])).toEqual(cases.map(([h, s]) => [h, s, true]));
  });

  test('one keep-alive connection: each request is bound by its own Host, in sequence', async () => {
    const get = (host: string) => `GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    const r = await rawExchange(lb.address('api-http').port, [get('foo.example.com'), get('zz.example.com'), get('nobody.test')], { gapMs: 50 });
    const statuses = [...r.text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 200, 404]);
    expect(r.closed).toBe(true);
  });

  test('a misdirected request is counted on the connection frontend', async () => {
    await tlsRequest(tlsPort, 'api.example.com', 'foo.example.com');
    expect(await lb.metrics()).toMatch(/reason="misdirected-request"/);
  });
});

describe('no catch-all on the port', () => {
  let only: LocalLoadBalancer;
  beforeAll(async () => {
    const s = spec();
    only = await startLb({ ...s, frontends: s.frontends.filter((f) => f.name !== 'rest') }, { bindings: { app: [backend.address] } });
  });
  afterAll(() => only.stop({ graceMs: 0 }));

  test('a server name no frontend serves, or no SNI, fails the handshake', async () => {
    const port = only.address('api').port;
    expect(await tlsRequest(port, 'elsewhere.test', 'elsewhere.test')).toEqual({ error: 'closed during the handshake' });
    expect(await tlsRequest(port, undefined, 'api.example.com')).toEqual({ cert: undefined, error: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' });
    expect((await tlsRequest(port, 'api.example.com', 'api.example.com')).status).toBe(200);
  });

  test('https: a Host no frontend serves gets 404', async () => {
    const r = await tlsRequest(only.address('api').port, 'api.example.com', 'elsewhere.test');
    expect([r.status, r.body]).toEqual([404, expect.stringContaining("no frontend on this port serves host 'elsewhere.test'")]);
  });
});

describe('HTTP/2: streams are bound by :authority', () => {
  let h2lb: LocalLoadBalancer;
  beforeAll(async () => {
    h2lb = await startLb(spec(true), { bindings: { app: [backend.address] } });
  });
  afterAll(() => h2lb.stop({ graceMs: 0 }));

  test.each([
    ['api.example.com', 'api.example.com', 200, 'api'],
    ['foo.example.com', 'foo.example.com', 200, 'wild'],
    ['foo.example.com', 'api.example.com', 421, "served by frontend 'api'"],
  ])('SNI %s, :authority %s: %i', async (sni, authority, status, body) => {
    const session = h2connect(`https://127.0.0.1:${h2lb.address('api').port}`, { servername: sni, rejectUnauthorized: false });
    try {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({ ':path': '/', ':authority': authority });
        let text = '';
        let code = 0;
        stream.on('response', (h) => (code = Number(h[':status'])));
        stream.on('data', (d: Buffer) => (text += d.toString()));
        stream.on('end', () => resolve({ status: code, body: text }));
        stream.on('error', reject);
      });
      expect(r.status).toBe(status);
      expect(r.body).toContain(body);
    } finally {
      session.close();
    }
  });
});
