/** TLS termination: generated and given certificates, SNI, minimum version, mutual TLS, the HTTPS redirect. */
import { X509Certificate } from 'node:crypto';
import { connect, type PeerCertificate } from 'node:tls';
import { generate } from 'selfsigned';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { selfSignedCertificate } from '../../providers/local/tls/certificates';
import { rawExchange, startLb } from './support';

const spec = (tls: NonNullable<LoadBalancerSpec['frontends'][number]['tls']>, extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  name: 'secure',
  certificates: [
    { name: 'site', domains: ['example.com', '*.example.com'] },
    { name: 'other', domains: ['other.test'] },
  ],
  trustStores: [{ name: 'clients' }],
  frontends: [
    { name: 'https', protocol: 'https', port: 443, tls, defaultAction: { forward: { pool: 'app' } } },
    { name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: { statusCode: 308 } },
  ],
  pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  ...extra,
});

/** The certificate a TLS server presents for a server name (or the handshake error). */
function handshake(
  port: number,
  options: { servername?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3'; cert?: string; key?: string } = {},
): Promise<{ cert?: PeerCertificate; protocol?: string | null; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      servername: options.servername,
      rejectUnauthorized: false,
      maxVersion: options.maxVersion,
      cert: options.cert,
      key: options.key,
    });
    socket.once('secureConnect', () => {
      const result = { cert: socket.getPeerCertificate(), protocol: socket.getProtocol() };
      socket.destroy();
      resolve(result);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend('app');
});
afterAll(() => backend.close());

describe('termination with a generated certificate', () => {
  let lb: LocalLoadBalancer;
  beforeAll(async () => {
    lb = await startLb(spec({ certificate: 'site', additionalCertificates: ['other'] }), { bindings: { app: [backend.address] } });
  });
  afterAll(() => lb.stop({ graceMs: 0 }));

  test('a client that trusts the generated certificate verifies it for the spec domains', async () => {
    const ca = lb.certificate('site').cert;
    const res = await request(`${lb.url('https')}/`, { ca, servername: 'www.example.com', headers: { host: 'www.example.com' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).headers['x-forwarded-proto']).toBe('https');
    await expect(request(`${lb.url('https')}/`, { ca, servername: 'evil.test' })).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  test('the certificate covers the spec domains, localhost and 127.0.0.1', async () => {
    const { cert } = await handshake(lb.address('https').port, { servername: 'example.com' });
    expect(cert!.subjectaltname).toBe('DNS:example.com, DNS:*.example.com, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  });

  test('SNI picks an additional certificate whose domains cover the name', async () => {
    const { cert } = await handshake(lb.address('https').port, { servername: 'other.test' });
    expect(cert!.subjectaltname).toContain('DNS:other.test');
    const fallback = await handshake(lb.address('https').port, { servername: 'unknown.test' });
    expect(fallback.cert!.subjectaltname).toContain('DNS:example.com');
  });

  test('HTTP to HTTPS: every request on the http frontend is redirected to the local https port', async () => {
    const res = await request(`${lb.url('http')}/cart?id=7`, { headers: { host: 'Shop.Example.com:80' }, method: 'POST', body: 'x' });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`https://shop.example.com:${lb.address('https').port}/cart?id=7`);
    expect(backend.requests.some((r) => r.url === '/cart?id=7')).toBe(false);
  });
});

test('minimum version 1.3 refuses a TLS 1.2 client', async () => {
  const lb = await startLb(spec({ certificate: 'site', minimumVersion: '1.3' }), { bindings: { app: [backend.address] } });
  try {
    expect((await handshake(lb.address('https').port, { maxVersion: 'TLSv1.2' })).error).toBeDefined();
    expect((await handshake(lb.address('https').port)).protocol).toBe('TLSv1.3');
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

test('a given certificate is used as is', async () => {
  const given = await selfSignedCertificate(['given.test']);
  const lb = await startLb(spec({ certificate: 'site' }), { bindings: { app: [backend.address] }, certificates: { site: given } });
  try {
    expect((await handshake(lb.address('https').port)).cert!.subjectaltname).toContain('DNS:given.test');
  } finally {
    await lb.stop({ graceMs: 0 });
  }
});

describe('mutual TLS', () => {
  let ca: { cert: string; key: string };
  let client: { cert: string; key: string };
  let stranger: { cert: string; key: string };
  beforeAll(async () => {
    const root = await generate([{ name: 'commonName', value: 'test clients CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true, digitalSignature: true },
      ],
    });
    ca = { cert: root.cert, key: root.private };
    const leaf = await generate([{ name: 'commonName', value: 'client-1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    });
    client = { cert: leaf.cert, key: leaf.private };
    const other = await generate([{ name: 'commonName', value: 'stranger' }], { keyType: 'ec', algorithm: 'sha256' });
    stranger = { cert: other.cert, key: other.private };
  });

  const send = (lb: LocalLoadBalancer, who?: { cert: string; key: string }) =>
    new Promise<{ status: number; clientCert?: string } | { error: string }>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: lb.address('https').port, rejectUnauthorized: false, ...(who ?? {}) }, () => {
        socket.write('GET / HTTP/1.0\r\nHost: example.com\r\nClient-Cert: :Zm9yZ2Vk:\r\n\r\n'); // 1.0: a close-delimited body
      });
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      socket.on('close', () => {
        if (!text) return resolve({ error: 'closed' });
        try {
          const body = text.slice(text.indexOf('\r\n\r\n') + 4);
          resolve({ status: Number(text.slice(9, 12)), clientCert: JSON.parse(body).headers['client-cert'] });
        } catch (e) {
          resolve({ error: `unparsable answer: ${String(e)}` });
        }
      });
    });

  test('verify: a client without a certificate from the trust store is refused; with one it passes, certificate forwarded', async () => {
    const lb = await startLb(spec({ certificate: 'site', clientCertificateTrust: { trustStore: 'clients' } }), {
      bindings: { app: [backend.address] },
      trustStores: { clients: ca.cert },
    });
    try {
      expect(await send(lb)).toHaveProperty('error');
      expect(await send(lb, stranger)).toHaveProperty('error');
      expect(lb.status().frontends[0].badRequests).toEqual({ 'tls-handshake': 2 });
      const ok = await send(lb, client);
      expect(ok).toMatchObject({ status: 200 });
      const der = new X509Certificate(client.cert).raw.toString('base64');
      expect((ok as { clientCert: string }).clientCert).toBe(`:${der}:`);
    } finally {
      await lb.stop({ graceMs: 0 });
    }
  });

  test('passthrough: any client passes; a presented certificate is forwarded, a forged header never is', async () => {
    const lb = await startLb(spec({ certificate: 'site', clientCertificateTrust: { trustStore: 'clients', mode: 'passthrough' } }), {
      bindings: { app: [backend.address] },
      trustStores: { clients: ca.cert },
    });
    try {
      expect(await send(lb)).toEqual({ status: 200, clientCert: undefined });
      const withCert = (await send(lb, stranger)) as { status: number; clientCert: string };
      expect(withCert.status).toBe(200);
      expect(withCert.clientCert).toMatch(/^:[A-Za-z0-9+/=]+:$/);
      expect(withCert.clientCert).not.toBe(':Zm9yZ2Vk:');
    } finally {
      await lb.stop({ graceMs: 0 });
    }
  });

  test('mutual TLS without the trust store option fails to start, naming it', async () => {
    await expect(
      startLb(spec({ certificate: 'site', clientCertificateTrust: { trustStore: 'clients' } }), { bindings: { app: [backend.address] } }),
    ).rejects.toMatchObject({ code: 'LBKIT_LOCAL_OPTIONS', option: 'trustStores.clients' });
  });
});

describe('hostile TLS clients', () => {
  let lb: LocalLoadBalancer;
  beforeAll(async () => {
    lb = await startLb(spec({ certificate: 'site' }), { bindings: { app: [backend.address] }, headersTimeoutMs: 300 });
  });
  afterAll(() => lb.stop({ graceMs: 0 }));

  test('connections that never send a ClientHello are closed after the handshake timeout (the header timeout), and counted', async () => {
    const before = lb.status().frontends[0].badRequests['tls-handshake'] ?? 0;
    const silent = Array.from({ length: 200 }, () => rawExchange(lb.address('https').port, [], { waitMs: 5000 }));
    const results = await Promise.all(silent);
    for (const r of results) {
      expect(r.closed).toBe(true);
      expect(r.text).toBe('');
      // Node's default would hold them 120 s; the bound here is the 300 ms header timeout plus the check.
      expect(r.elapsedMs).toBeLessThan(3000);
    }
    expect(lb.status().frontends[0].badRequests['tls-handshake']).toBe(before + 200);
  });

  test('client-initiated renegotiation (TLS 1.2) is refused', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: lb.address('https').port, rejectUnauthorized: false, maxVersion: 'TLSv1.2' }, () => {
        const started = socket.renegotiate({ rejectUnauthorized: false }, (err) => {
          socket.destroy();
          resolve(err ? 'refused' : 'renegotiated');
        });
        if (!started) resolve('not started');
      });
      socket.on('error', () => resolve('refused'));
      socket.on('close', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
    // The proxy still serves over TLS 1.2.
    expect((await handshake(lb.address('https').port, { maxVersion: 'TLSv1.2' })).protocol).toBe('TLSv1.2');
  });
});
