/**
 * HTTP/2 clients of the local proxy over loopback (node:http2): a browser-like client on https with ALPN
 * (h2, HTTP/1.1 fallback), h2c by prior knowledge to an HTTP/1.1 member, and the rapid-reset flood.
 */
import { connect, constants, createServer as createH2Server } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server } from 'node:http';
import type { LocalLoadBalancer } from '../../providers/local';
import { httpSpec, startLb, webFrontend } from './support';

let member: Server;
let address = '';
let hits = 0;

beforeAll(async () => {
  member = createServer((req, res) => {
    hits++;
    res.setHeader('x-seen-proto', String(req.headers['x-forwarded-proto']));
    res.end(`${req.method} ${req.url} over ${req.httpVersion}`);
  });
  await new Promise<void>((r) => member.listen(0, '127.0.0.1', r));
  address = `127.0.0.1:${(member.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => member.close(() => r())));

function h2Get(
  url: string,
  path: string,
  options: Record<string, unknown> = {},
): Promise<{ status: number; body: string; alpn: string | undefined; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const session = connect(url, { rejectUnauthorized: false, ...options });
    session.on('error', reject);
    const req = session.request({ ':path': path });
    let body = '';
    let status = 0;
    let headers: Record<string, unknown> = {};
    req.on('response', (h) => {
      status = Number(h[':status']);
      headers = h;
    });
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      const alpn = (session.socket as { alpnProtocol?: string }).alpnProtocol;
      session.close();
      resolve({ status, body, alpn, headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A load balancer whose http frontend takes HTTP/2 by prior knowledge (h2c), on pool `app` at `members`. */
function h2cLb(members: string[], pool: Parameters<typeof httpSpec>[0] = {}): Promise<LocalLoadBalancer> {
  return startLb(httpSpec(pool, { frontends: [webFrontend({ http2: true })] }), { bindings: { app: members } });
}

/** Runs `use` on an h2c load balancer (h2cLb) and stops it after, whether `use` passes or throws. */
async function withH2cLb(members: string[], use: (lb: LocalLoadBalancer) => Promise<void>): Promise<void> {
  const lb = await h2cLb(members);
  try {
    await use(lb);
  } finally {
    await lb.stop({ graceMs: 0 });
  }
}

describe('a browser-like client on an https frontend with http2', () => {
  let lb: LocalLoadBalancer;
  beforeAll(async () => {
    lb = await startLb(
      httpSpec(
        {},
        {
          certificates: [{ name: 'site', domains: ['localhost'] }],
          frontends: [{ name: 'web', protocol: 'https', port: 443, http2: true, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'app' } } }],
        },
      ),
      { bindings: { app: [address] } },
    );
  });
  afterAll(() => lb.stop({ graceMs: 0 }));

  test('negotiates h2 by ALPN and reaches an HTTP/1.1 member', async () => {
    const r = await h2Get(lb.url('web'), '/page?x=1');
    expect(r).toMatchObject({ status: 200, body: 'GET /page?x=1 over 1.1', alpn: 'h2' });
    expect(r.headers['x-seen-proto']).toBe('https');
  });

  test('a client offering only http/1.1 gets the HTTP/1.1 server', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${lb.url('web')}/old`, { rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] } as never, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve(`${res.httpVersion} ${text}`));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('1.1 GET /old over 1.1');
  });
});

describe('h2c by prior knowledge', () => {
  test('an http frontend with http2 takes HTTP/2 and HTTP/1.1 clients on one port', async () => {
    await withH2cLb([address], async (lb) => {
      expect(await h2Get(lb.url('web'), '/a')).toMatchObject({ status: 200, body: 'GET /a over 1.1' });
      const old = await fetch(`${lb.url('web')}/b`);
      expect(await old.text()).toBe('GET /b over 1.1');
    });
  });

  test('rapid reset: a client that opens and resets streams in a flood gets GOAWAY ENHANCE_YOUR_CALM; a bounded count reaches the member', async () => {
    await withH2cLb([address], async (lb) => {
      const before = hits;
      const session = connect(lb.url('web'));
      session.on('error', () => undefined);
      const goaway = new Promise<number>((resolve) => session.once('goaway', (code) => resolve(code)));
      const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
      let sent = 0;
      for (let i = 0; i < 2000 && !session.closed && !session.destroyed; i++) {
        const s = session.request({ ':path': `/flood/${i}` });
        s.on('error', () => undefined);
        s.close(constants.NGHTTP2_CANCEL);
        sent++;
        if (i % 50 === 49) await new Promise((r) => setImmediate(r));
      }
      expect(await goaway).toBe(constants.NGHTTP2_ENHANCE_YOUR_CALM);
      await closed;
      await new Promise((r) => setTimeout(r, 100));
      const reached = hits - before;
      console.log(`rapid reset: ${sent} streams opened and reset, GOAWAY ENHANCE_YOUR_CALM, ${reached} reached the member`);
      expect(reached).toBeLessThanOrEqual(101);
      // The proxy is unharmed: the next client is served.
      expect(await h2Get(lb.url('web'), '/after')).toMatchObject({ status: 200, body: 'GET /after over 1.1' });
    });
  });

  test('a header list above maxHeaderBytes is refused before any member sees it', async () => {
    await withH2cLb([address], async (lb) => {
      const before = hits;
      const outcome = await new Promise<string>((resolve) => {
        const session = connect(lb.url('web'));
        session.on('error', (e) => resolve(`session ${(e as NodeJS.ErrnoException).code}`));
        const req = session.request({ ':path': '/big', 'x-big': 'a'.repeat(20_000) });
        req.on('response', (h) => resolve(`status ${h[':status']}`));
        req.on('error', (e) => resolve(`stream ${(e as NodeJS.ErrnoException).code}`));
        req.on('close', () => resolve(`closed ${req.rstCode}`));
        req.end();
      });
      expect(outcome).not.toBe('status 200');
      expect(hits).toBe(before);
    });
  });
});

describe('flow control', () => {
  test('a client that stops reading stops the member: what the member writes stays bounded by windows and buffers', async () => {
    let written = 0;
    let blocked = false;
    const big = createServer((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((r) => big.listen(0, '127.0.0.1', r));
    const lb = await h2cLb([`127.0.0.1:${(big.address() as { port: number }).port}`]);
    const session = connect(lb.url('web'));
    try {
      const req = session.request({ ':path': '/big' });
      req.pause();
      await new Promise((r) => setTimeout(r, 1000));
      // The client read nothing: 64 KiB of stream window, the proxy's stream and socket buffers, the kernel's.
      console.log(`flow control: the member wrote ${(written / 1024 / 1024).toFixed(1)} MiB of 64 MiB to a client that read nothing`);
      expect(blocked).toBe(true);
      expect(written).toBeLessThan(16 * 1024 * 1024);
      req.close(constants.NGHTTP2_CANCEL);
    } finally {
      session.destroy();
      await lb.stop({ graceMs: 0 });
      await new Promise<void>((r) => big.close(() => r()));
    }
  });
});

describe('HTTP/2 to the members of an http pool with http2', () => {
  test('HTTP/1.1 and HTTP/2 clients both reach an h2c-only member over HTTP/2, one session for all', async () => {
    const member = createH2Server();
    const sessions: unknown[] = [];
    member.on('session', (s) => sessions.push(s));
    member.on('stream', (stream, headers) => {
      stream.respond({ ':status': 200, 'content-type': 'text/plain' });
      stream.end(`${headers[':method']} ${headers[':path']} for ${headers[':authority']} over h2`);
    });
    await new Promise<void>((r) => member.listen(0, '127.0.0.1', r));
    const port = (member.address() as { port: number }).port;
    const lb = await h2cLb([`127.0.0.1:${port}`], { http2: true });
    try {
      const old = await fetch(`${lb.url('web')}/one`);
      expect(await old.text()).toMatch(/^GET \/one for 127\.0\.0\.1:\d+ over h2$/);
      const posted = await fetch(`${lb.url('web')}/two`, { method: 'POST', body: 'x'.repeat(100_000) });
      expect(posted.status).toBe(200);
      expect(await h2Get(lb.url('web'), '/three')).toMatchObject({ status: 200, body: expect.stringMatching(/^GET \/three for .+ over h2$/) });
      expect(sessions).toHaveLength(1);
    } finally {
      await lb.stop({ graceMs: 0 });
      await new Promise<void>((r) => member.close(() => r()));
    }
  });
});
