/**
 * Member sockets read into one reusable buffer (providers/local/read-buffer.ts). The bytes of a read must
 * survive as long as anything still references them: here the receivers keep every chunk by reference and
 * use it later (as a queued socket write does), so a buffer reused too early shows as corrupted data.
 */
import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { UpstreamConnection, type UpstreamExchange } from '../../providers/local/http/upstream/connection';
import { pipeBoth } from '../../providers/local/l4/pipe';
import { memberReads } from '../../providers/local/read-buffer';
import { waitFor } from './support';

/** 4 MiB in which every 4 bytes hold their own offset: any overwritten or repeated chunk changes the hash. */
const payload = Buffer.alloc(4 * 1024 * 1024);
for (let i = 0; i < payload.length; i += 4) payload.writeUInt32LE(i, i);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: Server;
let port: number;
const open = new Set<Socket>();
beforeAll(async () => {
  server = createServer((s) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  });
  server.on('connection', (s: Socket) =>
    s.once('data', (d) =>
      s.end(d.toString().startsWith('GET') ? Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${payload.length}\r\n\r\n`), payload]) : payload),
    ),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  for (const s of open) s.destroy();
  return new Promise((r) => server.close(r));
});

test('L4: chunks queued on the client (write accepted, not yet done) are never overwritten by later reads', async () => {
  const reads = memberReads();
  const sock: Socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true, onread: reads.onread });
  const kept: Buffer[] = [];
  // A client whose writes complete late and whose buffer never fills: write() returns true while the chunk
  // is still queued, so nothing pauses the member and the next read happens at once.
  const client = new Duplex({
    writableHighWaterMark: 64 * 1024 * 1024,
    read() {},
    write(chunk: Buffer, _enc, done) {
      setImmediate(() => {
        kept.push(Buffer.from(chunk)); // its contents as the socket would send them now
        done();
      });
    },
  });
  const finished = new Promise<void>((r) => client.once('finish', () => r()));
  try {
    await new Promise<void>((r) => sock.once('connect', () => r()));
    pipeBoth(client as unknown as Socket, sock, 0, () => undefined, reads);
    client.push('go');
    await finished;
    expect(sha(Buffer.concat(kept))).toBe(sha(payload));
  } finally {
    client.destroy();
    sock.destroy();
  }
});

test('L7: body chunks an exchange still holds are never overwritten by later reads', async () => {
  const reads = memberReads();
  const sock = connect({ host: '127.0.0.1', port, onread: reads.onread });
  const released: UpstreamConnection[] = [];
  const conn = new UpstreamConnection(sock, { released: (c) => released.push(c), closed: () => undefined }, 16384, 'connect', reads);
  const held: Buffer[] = [];
  let ended = false;
  const exchange: UpstreamExchange = {
    onUpstreamConnect: () => undefined,
    onUpstreamHead: () => undefined,
    onUpstreamBody: (c) => held.push(c), // by reference, like a queued write
    onUpstreamEnd: () => (ended = true),
    onUpstreamError: () => (ended = true),
    onUpstreamTimeout: () => undefined,
    holdsUpstreamBody: () => true,
  };
  try {
    conn.send(exchange, 'GET', 'GET / HTTP/1.1\r\nHost: x\r\n', 'none', 5000);
    await waitFor(() => ended, 4000, 'the response');
    expect(sha(Buffer.concat(held))).toBe(sha(payload));
  } finally {
    conn.destroy();
  }
});

test('a chunk one member socket still holds is never overwritten by a read of another member socket', async () => {
  // Both sockets are connected (each has its read buffer) before either reads. A's chunk stays held (a
  // queued write); then B reads. With one buffer shared by all sockets, B's read lands in the memory of
  // A's held chunk.
  const echo = createServer((s) => s.on('data', (d) => s.write(Buffer.alloc(1024, d[0]))));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  const echoPort = (echo.address() as { port: number }).port;
  const open = async (held: Buffer[]) => {
    const reads = memberReads();
    reads.onChunk = (chunk) => {
      held.push(chunk); // by reference, as a queued write keeps it
      return true;
    };
    reads.held = () => true;
    const sock = connect({ host: '127.0.0.1', port: echoPort, onread: reads.onread });
    await new Promise<void>((r) => sock.once('connect', () => r()));
    return sock;
  };
  const heldA: Buffer[] = [];
  const heldB: Buffer[] = [];
  const a = await open(heldA);
  const b = await open(heldB);
  try {
    a.write('A');
    await waitFor(() => Buffer.concat(heldA).length === 1024, 4000, "A's chunk");
    b.write('B');
    await waitFor(() => Buffer.concat(heldB).length === 1024, 4000, "B's chunk");
    expect(Buffer.concat(heldA).toString()).toBe('A'.repeat(1024));
    expect(Buffer.concat(heldB).toString()).toBe('B'.repeat(1024));
  } finally {
    a.destroy();
    b.destroy();
    await new Promise((r) => echo.close(r));
  }
});
