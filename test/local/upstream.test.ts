/**
 * The proxy's own upstream client (providers/local/http/upstream/) against members that write exact bytes:
 * response framing (chunked, HEAD, 204/304, 1xx, close-delimited), when a member connection is reused and
 * when it is not, malformed responses, a member dying mid-body, a slow client, keep-alive expiry, a stale
 * pooled connection, request framing upstream, and https members.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, createServer, type Socket } from 'node:net';
import type { AccessLogEntry, LocalLoadBalancer } from '../../providers/local';
import { request } from '../../providers/local';
import { UpstreamConnection, type UpstreamExchange } from '../../providers/local/http/upstream/connection';
import { UpstreamPool } from '../../providers/local/http/upstream/pool';
import { selfSignedCertificate } from '../../providers/local/tls/certificates';
import { httpSpec, RawMember, rawExchange, sleep, startLb, statusOf, waitFor } from './support';

interface Received {
  readonly head: string;
  readonly body: string;
  /** Which member connection (1-based, in accept order) carried it. */
  readonly connection: number;
}

/**
 * A member that reads requests (Content-Length or chunked bodies) and lets the test answer each with raw
 * bytes on the socket.
 */
class ScriptedMember extends RawMember {
  readonly requests: Received[] = [];
  open = 0;
  answer: (req: Received, socket: Socket) => void = (_req, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');

  protected onConnection(socket: Socket, connection: number): void {
    this.open++;
    socket.on('close', () => this.open--);
    let buf = '';
    socket.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      for (let req = takeRequest(buf); req; req = takeRequest(buf)) {
        buf = buf.slice(req.length);
        const received = { head: req.head, body: req.body, connection };
        this.requests.push(received);
        this.answer(received, socket);
      }
    });
  }
}

/** One complete request at the start of `buf` (head, decoded body, bytes used), or undefined. */
function takeRequest(buf: string): { head: string; body: string; length: number } | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = buf.slice(0, end);
  let at = end + 4;
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) {
    const n = Number(length[1]);
    return buf.length < at + n ? undefined : { head, body: buf.slice(at, at + n), length: at + n };
  }
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return { head, body: '', length: at };
  let body = '';
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = parseInt(buf.slice(at, eol), 16);
    if (buf.length < eol + 2 + size + 2) return undefined;
    if (size === 0) return { head, body, length: eol + 4 };
    body += buf.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/**
 * Sends a request, reads nothing for `stallMs` (the proxy's buffers fill up), then reads to the end with a
 * pause after every chunk, so that the proxy is still waiting for the client when the member's last byte
 * arrives.
 */
/** `length` printable ASCII bytes without a short period (from a 32-bit LCG's high bits). */
function patterned(length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = 32 + ((x >>> 24) % 95);
  }
  return out;
}

function slowRead(port: number, raw: string, stallMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    socket.pause();
    setTimeout(() => socket.resume(), stallMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      socket.pause();
      setTimeout(() => socket.resume(), 2);
    });
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

let member: ScriptedMember;
let lb: LocalLoadBalancer;
const log: AccessLogEntry[] = [];
let url: string;

beforeAll(async () => {
  member = await new ScriptedMember().listen();
  lb = await startLb(httpSpec(), { bindings: { app: [member.address] }, memberKeepAliveMs: 300, accessLog: (e) => log.push(e) });
  url = lb.url('web');
});

afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await member.close();
});

beforeEach(async () => {
  // Every test starts with no pooled member connection (the keep-alive expiry closes them).
  await waitFor(() => member.open === 0, 3000, 'member connections to close');
  member.requests.length = 0;
  member.answer = (_req, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
});

describe('response framing', () => {
  test('chunked with extensions and trailers: passed on whole; the connection is reused', async () => {
    member.answer = (_req, s) => s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n');
    for (let i = 0; i < 3; i++) expect(await request(`${url}/c`)).toMatchObject({ status: 200, body: 'hello world' });
    expect(member.requests.map((r) => r.connection)).toEqual([1, 1, 1].map(() => member.requests[0].connection));
  });

  test('HEAD, 204 and 304 carry no body, and the connection carries the next request', async () => {
    member.answer = (req, s) => {
      if (req.head.startsWith('HEAD')) s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      else if (req.head.includes('/204')) s.write('HTTP/1.1 204 No Content\r\n\r\n');
      else s.write('HTTP/1.1 304 Not Modified\r\nETag: "v"\r\n\r\n');
    };
    const head = await request(`${url}/h`, { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('1000');
    expect(await request(`${url}/204`)).toMatchObject({ status: 204, body: '' });
    expect(await request(`${url}/304`)).toMatchObject({ status: 304, body: '' });
    expect(new Set(member.requests.map((r) => r.connection)).size).toBe(1);
  });

  test('1xx interim responses are not passed on', async () => {
    member.answer = (_req, s) =>
      s.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone');
    const raw = await rawExchange(lb.address('web').port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statusOf(raw.text)).toBe(200);
    expect(raw.text).not.toContain('103');
    expect(raw.text.endsWith('\r\n\r\ndone')).toBe(true);
  });

  test('a body delimited by the member closing is passed on whole; that connection is not reused', async () => {
    member.answer = (_req, s) => s.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end');
    expect(await request(`${url}/a`)).toMatchObject({ status: 200, body: 'until the end' });
    member.answer = (_req, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(await request(`${url}/b`)).toMatchObject({ status: 200, body: 'ok' });
    expect(member.requests[1].connection).not.toBe(member.requests[0].connection);
  });

  test('Connection: close from the member, or bytes beyond the response: the next request opens a new connection', async () => {
    member.answer = (req, s) =>
      s.write(
        req.head.includes('/close')
          ? 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok'
          : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA',
      );
    expect(await request(`${url}/close`)).toMatchObject({ status: 200, body: 'ok' });
    expect(await request(`${url}/extra`)).toMatchObject({ status: 200, body: 'ok' });
    expect(await request(`${url}/close`)).toMatchObject({ status: 200, body: 'ok' });
    expect(new Set(member.requests.map((r) => r.connection)).size).toBe(3);
  });
});

describe('member failures', () => {
  const MALFORMED: Array<[string, string]> = [
    ['a status line that is not HTTP/1.x', 'HTTP/2 200 OK\r\n\r\n'],
    ['Content-Length with Transfer-Encoding', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['two Content-Length headers', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok'],
    ['a header with a bare CR', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 2\r\n\r\nok'],
  ];

  test.each(MALFORMED)('%s: 502 TargetResponseError, the member connection closed', async (_name, answer) => {
    member.answer = (_req, s) => s.write(answer);
    const res = await request(`${url}/bad`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(502);
    expect(log.at(-1)).toMatchObject({ elb_status_code: 502, error_reason: 'TargetResponseError', target_status_code: '-' });
    await waitFor(() => member.open === 0, 2000, 'the member connection to close');
  });

  test('a malformed chunk after the head: the client connection is cut, the member connection closed', async () => {
    member.answer = (_req, s) => s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\n');
    const raw = await rawExchange(lb.address('web').port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', { waitMs: 2000 });
    // Whatever was already on its way (possibly nothing), the response never completes (no last chunk).
    expect(raw.closed).toBe(true);
    expect(raw.text).not.toMatch(/\r\n0\r\n\r\n$/);
    await waitFor(() => member.open === 0, 2000, 'the member connection to close');
  });

  test('the member dies mid-body: the client gets a truncated response and a closed connection', async () => {
    member.answer = (_req, s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b');
      setTimeout(() => s.destroy(), 20);
    };
    const raw = await rawExchange(lb.address('web').port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', { waitMs: 2000 });
    expect(statusOf(raw.text)).toBe(200);
    expect(raw.text.endsWith('\r\n\r\nonly ten b')).toBe(true);
    expect(raw.closed).toBe(true);
  });

  test('a pooled connection the member dropped: a GET is resent on a new connection, a POST is not', async () => {
    // The member answers the first request on a connection and drops the connection on the second.
    const served = new Set<number>();
    member.answer = (req, s) => {
      if (served.has(req.connection)) return void s.destroy();
      served.add(req.connection);
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    };
    expect((await request(`${url}/1`)).status).toBe(200);
    expect(await request(`${url}/2`)).toMatchObject({ status: 200, body: 'ok' });
    expect(member.requests.map((r) => r.head.split(' ')[1])).toEqual(['/1', '/2', '/2']);
    expect((await request(`${url}/3`, { method: 'POST', body: 'once' })).status).toBe(502);
    expect(member.requests.filter((r) => r.head.startsWith('POST'))).toHaveLength(1);
  });
});

describe('connections and framing upstream', () => {
  test('a slow client: the member connection waits for it, then carries the next request', async () => {
    // Varying bytes: a read buffer overwritten while a queued write still referenced it would show.
    const big = patterned(8 * 1024 * 1024).toString('latin1');
    member.answer = (req, s) =>
      s.write(req.head.includes('/big') ? `HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n${big}` : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    // Its own load balancer: the idle connection must not expire (300 ms above) while the client still reads.
    const patient = await startLb(httpSpec(), { bindings: { app: [member.address] }, memberKeepAliveMs: 30_000 });
    try {
      const text = await slowRead(patient.address('web').port, 'GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 300);
      expect(statusOf(text)).toBe(200);
      expect(text.endsWith(`\r\n\r\n${big}`)).toBe(true);
      expect(await request(`${patient.url('web')}/next`, { timeoutMs: 2000 })).toMatchObject({ status: 200, body: 'ok' });
      expect(member.requests[1].connection).toBe(member.requests[0].connection);
    } finally {
      await patient.stop({ graceMs: 0 });
    }
  });

  test('a connection paused for a slow client goes back to the pool reading again', async () => {
    // Deterministic version of the above: the exchange pauses on the last body bytes of the response.
    const server = createServer((s) => s.once('data', () => s.write('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    const pooled: UpstreamConnection[] = [];
    const conn = new UpstreamConnection(socket, { released: (c) => pooled.push(c), closed: () => undefined }, 16384, 'connect');
    const events: string[] = [];
    const exchange: UpstreamExchange = {
      onUpstreamConnect: () => events.push('connect'),
      onUpstreamHead: (h) => events.push(`head ${h.statusCode}`),
      onUpstreamBody: (c) => {
        events.push(`body ${c.toString()}`);
        conn.pause(); // as a transaction does when the client's buffer is full
      },
      onUpstreamEnd: () => events.push('end'),
      onUpstreamError: (e) => events.push(`error ${e.message}`),
      onUpstreamTimeout: () => events.push('timeout'),
      holdsUpstreamBody: () => false,
    };
    try {
      conn.send(exchange, 'GET', 'GET / HTTP/1.1\r\nHost: x\r\n', 'none', 5000);
      await waitFor(() => pooled.length === 1, 2000, 'the connection to be pooled');
      expect(events).toEqual(['connect', 'head 200', 'body abc', 'end']);
      expect(socket.isPaused()).toBe(false);
    } finally {
      conn.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a pooled connection the member closes is never handed out again, not even in the same tick', async () => {
    const server = createServer((s) => s.once('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const pool = new UpstreamPool({ host: '127.0.0.1', port: (server.address() as { port: number }).port, tls: false }, 10_000);
    const ended: string[] = [];
    const exchange: UpstreamExchange = {
      onUpstreamConnect: () => undefined,
      onUpstreamHead: () => undefined,
      onUpstreamBody: () => undefined,
      onUpstreamEnd: () => ended.push('end'),
      onUpstreamError: (e) => ended.push(`error ${e.message}`),
      onUpstreamTimeout: () => ended.push('timeout'),
      holdsUpstreamBody: () => false,
    };
    try {
      const first = pool.acquire();
      const sawFin = new Promise<UpstreamConnection>((resolve) => first.socket.once('end', () => resolve(pool.acquire())));
      first.send(exchange, 'GET', 'GET / HTTP/1.1\r\nHost: x\r\n', 'none', 5000);
      const next = await sawFin; // acquired in the tick the member's FIN arrived
      expect(ended).toEqual(['end']);
      expect(next).not.toBe(first);
      expect(pool.idleCount).toBe(0);
    } finally {
      pool.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('idle member connections close after memberKeepAliveMs', async () => {
    expect((await request(`${url}/`)).status).toBe(200);
    expect(member.open).toBe(1);
    await sleep(100);
    expect(member.open).toBe(1);
    await waitFor(() => member.open === 0, 2000, 'the idle connection to close');
  });

  test('request framing: no body gets Content-Length 0 where the method expects one; sized and chunked bodies keep theirs', async () => {
    await request(`${url}/get`);
    await request(`${url}/post`, { method: 'POST' });
    await request(`${url}/sized`, { method: 'PUT', body: 'abc' });
    await request(`${url}/chunked`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: 'streamed' });
    const [get, post, sized, chunked] = member.requests;
    expect(get.head).not.toMatch(/content-length|transfer-encoding/i);
    expect(post.head).toMatch(/\r\nContent-Length: 0(\r\n|$)/);
    expect(sized.head).toMatch(/\r\nContent-Length: 3(\r\n|$)/);
    expect(sized.body).toBe('abc');
    expect(chunked.head).toMatch(/\r\nTransfer-Encoding: chunked(\r\n|$)/);
    expect(chunked.body).toBe('streamed');
    for (const r of member.requests) expect(r.head).toMatch(/\r\nConnection: keep-alive(\r\n|$)/);
  });
});

describe('https members', () => {
  let server: HttpsServer;
  let secureLb: LocalLoadBalancer;
  const handshakes: string[] = [];

  beforeAll(async () => {
    const { cert, key } = await selfSignedCertificate(['localhost']);
    server = createHttpsServer({ cert, key }, (req, res) => res.end(`tls ${req.url}`));
    server.on('secureConnection', (s) => handshakes.push(String((s as { servername?: string | false }).servername || '-')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
    secureLb = await startLb(httpSpec({ protocol: 'https', port: 443 }), { bindings: { app: [address] } });
  });

  afterAll(async () => {
    await secureLb.stop({ graceMs: 0 });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('requests reach an https member over one pooled TLS connection, certificate not verified, no SNI for an IP', async () => {
    for (let i = 0; i < 3; i++) expect(await request(`${secureLb.url('web')}/s${i}`)).toMatchObject({ status: 200, body: `tls /s${i}` });
    expect(handshakes).toEqual(['-']);
  });
});
