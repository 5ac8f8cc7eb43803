/**
 * Request trailers through the local proxy on HTTP/2 (client -> member): a client-streaming gRPC call whose
 * trailers (metadata sent after the last message) reach the member, over loopback with raw node:http2 on both
 * sides (grpc-js sends no request trailers). Without trailers the call still ends cleanly at the member. An
 * HTTP/1.1 member gets them in its chunked body's trailer section.
 */
import { createServer as createHttp1Server, type Server } from 'node:http';
import { connect, createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import type { LocalLoadBalancer } from '../../providers/local';
import { httpSpec, startLb } from './support';

interface Seen {
  readonly body: string;
  readonly trailers: IncomingHttpHeaders | undefined;
}

let member: Http2Server;
const seen: Seen[] = [];
let lb: LocalLoadBalancer;

beforeAll(async () => {
  member = createServer();
  member.on('stream', (stream) => {
    let body = '';
    let trailers: IncomingHttpHeaders | undefined;
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (body += c));
    stream.on('trailers', (t) => (trailers = t));
    stream.on('end', () => {
      seen.push({ body, trailers });
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'x-echo': String(trailers?.['x-checksum'] ?? 'none') }));
      stream.end(`got ${body.length} bytes`);
    });
  });
  await new Promise<void>((r) => member.listen(0, '127.0.0.1', r));
  const port = (member.address() as { port: number }).port;
  lb = await startLb(
    httpSpec(
      { protocol: 'grpc', port: 50051 },
      { frontends: [{ name: 'rpc', protocol: 'http', port: 80, http2: true, defaultAction: { forward: { pool: 'app' } } }] },
    ),
    { bindings: { app: [`127.0.0.1:${port}`] } },
  );
});
afterAll(async () => {
  await lb.stop({ graceMs: 0 });
  await new Promise<void>((r) => member.close(() => r()));
});

/** A client-streaming call: `chunks` messages, then `trailers` (none: the stream just ends). */
function clientStream(chunks: string[], trailers?: Record<string, string>): Promise<{ status: number; body: string; trailers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const session = connect(lb.url('rpc'));
    session.on('error', reject);
    const req = session.request(
      { ':method': 'POST', ':path': '/shop.v1.Upload/Put', 'content-type': 'application/grpc', te: 'trailers' },
      { waitForTrailers: trailers !== undefined },
    );
    if (trailers) req.on('wantTrailers', () => req.sendTrailers(trailers));
    let status = 0;
    let body = '';
    let got: IncomingHttpHeaders = {};
    req.on('response', (h) => (status = Number(h[':status'])));
    req.on('trailers', (t) => (got = t));
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      session.close();
      resolve({ status, body, trailers: got });
    });
    req.on('error', reject);
    // Written over several turns, as a streaming client does.
    const write = (i: number) => (i < chunks.length ? req.write(chunks[i], () => setImmediate(() => write(i + 1))) : req.end());
    write(0);
  });
}

test.each([
  ['with trailers', ['a'.repeat(10), 'b'.repeat(70_000), 'c'], { 'x-checksum': 'abc123', 'x-count': '3' }],
  ['without trailers', ['only one message'], undefined],
] as const)('a client-streaming call %s: the member gets every message and exactly the trailers sent', async (_name, chunks, trailers) => {
  seen.length = 0;
  const r = await clientStream([...chunks], trailers ? { ...trailers } : undefined);
  const body = chunks.join('');
  expect(r).toMatchObject({ status: 200, body: `got ${body.length} bytes` });
  expect(seen).toHaveLength(1);
  expect(seen[0].body).toBe(body);
  if (trailers) {
    expect(seen[0].trailers).toMatchObject(trailers);
    // Pseudo-headers never travel in trailers.
    expect(Object.keys(seen[0].trailers!).filter((k) => k.startsWith(':'))).toEqual([]);
  } else expect(seen[0].trailers).toBeUndefined();
  // The member's response trailers come back too (grpc-status, and what it saw).
  expect(r.trailers).toMatchObject({ 'grpc-status': '0', 'x-echo': trailers ? trailers['x-checksum'] : 'none' });
});

describe('to an HTTP/1.1 member', () => {
  let h1: Server;
  let h1lb: LocalLoadBalancer;
  const h1seen: Array<{ body: string; trailers: Record<string, string | undefined>; chunked: boolean }> = [];

  beforeAll(async () => {
    h1 = createHttp1Server((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        h1seen.push({ body, trailers: { ...req.trailers }, chunked: req.headers['transfer-encoding'] === 'chunked' });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => h1.listen(0, '127.0.0.1', r));
    h1lb = await startLb(httpSpec({}, { frontends: [{ name: 'web', protocol: 'http', port: 80, http2: true, defaultAction: { forward: { pool: 'app' } } }] }), {
      bindings: { app: [`127.0.0.1:${(h1.address() as { port: number }).port}`] },
    });
  });
  afterAll(async () => {
    await h1lb.stop({ graceMs: 0 });
    await new Promise<void>((r) => h1.close(() => r()));
  });

  test("an HTTP/2 client's request trailers reach it in the chunked body's trailer section", async () => {
    const session = connect(h1lb.url('web'));
    const req = session.request({ ':method': 'POST', ':path': '/upload', te: 'trailers' }, { waitForTrailers: true });
    req.on('wantTrailers', () => req.sendTrailers({ 'x-checksum': 'abc123' }));
    const status = await new Promise<number>((resolve, reject) => {
      req.on('response', (h) => resolve(Number(h[':status'])));
      req.on('error', reject);
      req.end('part one, part two');
    });
    req.resume();
    await new Promise((r) => req.on('end', r));
    session.close();
    expect(status).toBe(200);
    expect(h1seen).toEqual([{ body: 'part one, part two', trailers: { 'x-checksum': 'abc123' }, chunked: true }]);
  });
});
