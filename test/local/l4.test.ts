/** L4 over real sockets: tcp byte pipe with backpressure and half-close, tls termination, udp flows. */
import { createHash } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import type { LocalLoadBalancer } from '../../providers/local';
import { rawTcp } from '../../providers/local/l4/raw-binding';
import { sleep, startLb, waitFor } from './support';

interface TcpMember {
  readonly name: string;
  readonly address: string;
  readonly server: Server;
  connections: number;
}

/** A TCP member that says its name, then echoes; on the client's FIN it answers 'bye' and closes. */
async function tcpMember(name: string, onConnection?: (s: Socket) => void): Promise<TcpMember> {
  const member = { name, address: '', server: undefined as unknown as Server, connections: 0 };
  member.server = createServer({ allowHalfOpen: true }, (s) => {
    member.connections++;
    s.on('error', () => s.destroy());
    if (onConnection) return onConnection(s);
    s.write(`${name}:`);
    s.on('data', (d) => s.write(d));
    s.on('end', () => s.end('bye'));
  });
  await new Promise<void>((r) => member.server.listen(0, '127.0.0.1', r));
  member.address = `127.0.0.1:${(member.server.address() as { port: number }).port}`;
  return member;
}

const closeServer = (s: Server) => new Promise((r) => s.close(r));

function tcpSpec(protocol: 'tcp' | 'tls', pool: Partial<PoolSpec> = {}, frontend: Partial<LoadBalancerSpec['frontends'][number]> = {}): LoadBalancerSpec {
  return {
    name: 'l4',
    ...(protocol === 'tls' ? { certificates: [{ name: 'cert', domains: ['db.internal'] }] } : {}),
    frontends: [
      {
        name: 'front',
        protocol,
        port: 5432,
        ...(protocol === 'tls' ? { tls: { certificate: 'cert' } } : {}),
        defaultAction: { forward: { pool: 'db' } },
        ...frontend,
      },
    ],
    pools: [{ name: 'db', protocol: 'tcp', port: 6432, algorithm: 'round-robin', ...pool }],
  };
}

/** Connects, sends `send`, half-closes, and collects everything until the proxy closes. */
function converse(port: number, send: string, from?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', allowHalfOpen: true, ...(from ? { localAddress: from } : {}) }, () => s.end(send));
    let text = '';
    s.on('data', (d) => (text += d));
    s.on('close', () => resolve(text));
    s.on('error', reject);
  });
}

// Plain TCP runs on Node's TCP handles by default (raw-connection.ts) and on net.Socket without them
// (socket-connection.ts, also every tls frontend): both must behave the same.
describe.each([
  ['raw TCP handles', true],
  ['net.Socket', false],
])('tcp on %s', (_path, rawTcp) => {
  describe('round robin and source filter', () => {
    let members: TcpMember[];
    let lb: LocalLoadBalancer;
    beforeAll(async () => {
      members = [await tcpMember('m1'), await tcpMember('m2')];
      lb = await startLb(tcpSpec('tcp'), { rawTcp, bindings: { db: members.map((m) => m.address) } });
    });
    afterAll(async () => {
      await lb.stop({ graceMs: 0 });
      await Promise.all(members.map((m) => closeServer(m.server)));
    });

    test('each connection is piped to one member, round robin; half-close is passed on both ways', async () => {
      const port = lb.address('front').port;
      expect(await converse(port, 'hello')).toBe('m1:hellobye');
      expect(await converse(port, 'again')).toBe('m2:againbye');
    });

    test('allowedSourceCidrs closes other clients at once', async () => {
      const only = await startLb(tcpSpec('tcp', {}, { allowedSourceCidrs: ['127.0.0.2/32'] }), { rawTcp, bindings: { db: members.map((m) => m.address) } });
      try {
        expect(await converse(only.address('front').port, 'x', '127.0.0.1')).toBe('');
        expect(await converse(only.address('front').port, 'x', '127.0.0.2')).toMatch(/^m[12]:xbye$/);
        expect(only.status().frontends[0].deniedConnections).toBe(1);
      } finally {
        await only.stop({ graceMs: 0 });
      }
    });
  });

  test('tcp: the member ends first, the client still sends, then ends: the member gets every byte and a FIN, not a reset', async () => {
    // nginx with Connection: close ends its side after the response; the client's last bytes and its FIN then
    // close the member socket at once (pipe.ts passEnd), which must still deliver them and end with a FIN.
    let received = '';
    let settle: (outcome: string) => void = () => undefined;
    const memberOutcome = new Promise<string>((resolve) => (settle = resolve));
    const member = createServer({ allowHalfOpen: true }, (s) => {
      s.end('hi');
      s.on('data', (d) => (received += d));
      s.on('end', () => settle('end'));
      s.on('error', (e: NodeJS.ErrnoException) => settle(e.code ?? 'error'));
    });
    await new Promise<void>((r) => member.listen(0, '127.0.0.1', r));
    const lb = await startLb(tcpSpec('tcp'), { rawTcp, bindings: { db: [`127.0.0.1:${(member.address() as { port: number }).port}`] } });
    try {
      const client = connect({ port: lb.address('front').port, host: '127.0.0.1', allowHalfOpen: true });
      let text = '';
      client.on('data', (d) => (text += d));
      client.on('end', () => client.end('late'));
      await new Promise((r) => client.on('close', r));
      expect(text).toBe('hi');
      expect(await memberOutcome).toBe('end');
      expect(received).toBe('late');
    } finally {
      await lb.stop({ graceMs: 0 });
      await closeServer(member);
    }
  });

  test('tcp: a member that refuses the connection is skipped before any byte is read', async () => {
    const live = await tcpMember('live');
    const dead = await tcpMember('dead');
    // The dead member stops listening but keeps one accepted connection open. A port that is merely closed is
    // free for the next listen(0) (another jest worker's, or this load balancer's own frontend) or for an
    // outbound connection's source port (a self-connect), and the proxy then reaches whatever is there. The
    // open connection keeps the port bound: the kernel picks no ephemeral port that has a bound socket, and a
    // port with no listening socket refuses connections.
    const held = await new Promise<Socket>((resolve) => {
      const s = connect((dead.server.address() as { port: number }).port, '127.0.0.1', () => resolve(s));
    });
    await waitFor(() => dead.connections === 1); // accepted: closing the listener would reset a queued connection
    const deadClosed = closeServer(dead.server); // stops listening now; resolves once the held connection ends
    const lb = await startLb(tcpSpec('tcp'), { rawTcp, bindings: { db: [dead.address, live.address] } });
    try {
      for (let i = 0; i < 3; i++) expect(await converse(lb.address('front').port, `n${i}`)).toBe(`live:n${i}bye`);
      expect(lb.members('db')[0].failures).toBeGreaterThan(0);
    } finally {
      await lb.stop({ graceMs: 0 });
      held.destroy();
      await Promise.all([deadClosed, closeServer(live.server)]);
    }
  });

  test('tcp backpressure: a client that does not read stops the member from writing; nothing is lost', async () => {
    const total = 64 * 1024 * 1024;
    let written = 0;
    // Each chunk is different (its number in every 4 bytes): a read buffer overwritten while a queued write
    // still referenced it would show as chunks out of order or repeated.
    const sent = createHash('sha256');
    const member = await tcpMember('bulk', (s) => {
      const pump = () => {
        while (written < total) {
          const chunk = Buffer.alloc(64 * 1024);
          for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE(written / chunk.length, i);
          sent.update(chunk);
          written += chunk.length;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
        s.end();
      };
      pump();
    });
    const lb = await startLb(tcpSpec('tcp'), { rawTcp, bindings: { db: [member.address] } });
    try {
      const client = connect(lb.address('front').port, '127.0.0.1');
      client.pause();
      await sleep(300);
      const writtenWhilePaused = written;
      expect(writtenWhilePaused).toBeLessThan(total / 2);
      let received = 0;
      const got = createHash('sha256');
      await new Promise<void>((resolve) => {
        client.on('data', (d: Buffer) => {
          received += d.length;
          got.update(d);
          // Read in bursts, so that the proxy's writes to the client keep being queued.
          client.pause();
          setTimeout(() => client.resume(), 0);
        });
        client.on('end', () => resolve());
        client.resume();
      });
      expect(received).toBe(total);
      expect(got.digest('hex')).toBe(sent.digest('hex'));
      client.destroy();
    } finally {
      await lb.stop({ graceMs: 0 });
      await closeServer(member.server);
    }
  });

  test('tcp: concurrent transfers to slow clients each get exactly their own bytes (read buffers are never shared while held)', async () => {
    // Eight members each send 4 MiB numbered by member and chunk; eight clients read in bursts, so writes
    // to them queue and read buffers are held, renewed and reused across connections all the time.
    const size = 4 * 1024 * 1024;
    const payloads = Array.from({ length: 8 }, (_, member) => {
      const b = Buffer.alloc(size);
      for (let i = 0; i < size; i += 4) b.writeUInt32LE(member * size + i, i);
      return b;
    });
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    let next = 0;
    const member = await tcpMember('bulk', (s) => s.once('data', (d) => s.end(payloads[Number(d.toString())])));
    const lb = await startLb(tcpSpec('tcp'), { rawTcp, bindings: { db: [member.address] } });
    try {
      const received = await Promise.all(
        payloads.map(
          () =>
            new Promise<Buffer>((resolve, reject) => {
              const chunks: Buffer[] = [];
              const client = connect(lb.address('front').port, '127.0.0.1', () => client.write(String(next++)));
              // Not read at first: the kernel's buffers fill and the proxy's writes queue.
              client.pause();
              setTimeout(() => client.resume(), 200);
              client.on('data', (d: Buffer) => {
                chunks.push(d);
                client.pause();
                setTimeout(() => client.resume(), 1);
              });
              client.on('end', () => resolve(Buffer.concat(chunks)));
              client.on('error', reject);
            }),
        ),
      );
      expect(received.map(digest).sort()).toEqual(payloads.map(digest).sort());
    } finally {
      await lb.stop({ graceMs: 0 });
      await closeServer(member.server);
    }
  });

  test('tcp: idle connections close after the idle timeout; draining cuts what is left after drainingSeconds', async () => {
    const member = await tcpMember('m');
    const lb = await startLb(tcpSpec('tcp', { drainingSeconds: 2 }, { idleTimeoutSeconds: 1 }), { rawTcp, bindings: { db: [member.address] }, timeScale: 0.1 });
    try {
      const started = Date.now();
      const closed = await new Promise<number>((resolve) => {
        const s = connect(lb.address('front').port, '127.0.0.1');
        s.on('data', () => {});
        s.on('close', () => resolve(Date.now() - started));
      });
      expect(closed).toBeGreaterThanOrEqual(90);
      expect(closed).toBeLessThan(1000);

      const s = connect(lb.address('front').port, '127.0.0.1');
      const ended = new Promise<void>((r) => s.on('close', () => r()));
      s.on('data', () => {});
      // The cut may come as a reset: a '.' the proxy has not read yet when it closes makes the kernel send RST.
      s.on('error', () => {});
      const keepBusy = setInterval(() => s.write('.'), 30);
      await waitFor(() => lb.members('db')[0].inFlight === 1);
      const drained = await lb.drain('db', member.address);
      clearInterval(keepBusy);
      expect(drained.cut).toBe(1);
      await ended;
    } finally {
      await lb.stop({ graceMs: 0 });
      await closeServer(member.server);
    }
  });
});

test('tls: terminated with the generated certificate, then piped in clear', async () => {
  const member = await tcpMember('plain');
  const lb = await startLb(tcpSpec('tls'), { bindings: { db: [member.address] } });
  try {
    const text = await new Promise<string>((resolve, reject) => {
      const s = tlsConnect({ port: lb.address('front').port, host: '127.0.0.1', servername: 'db.internal', ca: lb.certificate('cert').cert }, () =>
        s.end('secret'),
      );
      let out = '';
      s.on('data', (d) => (out += d));
      s.on('close', () => resolve(out));
      s.on('error', reject);
    });
    expect(text).toBe('plain:secretbye');
  } finally {
    await lb.stop({ graceMs: 0 });
    await closeServer(member.server);
  }
});

describe('udp', () => {
  const members: UdpSocket[] = [];
  const addresses: string[] = [];
  beforeAll(async () => {
    for (const name of ['u1', 'u2']) {
      const s = createSocket('udp4');
      s.on('message', (msg, rinfo) => s.send(`${name}:${msg}`, rinfo.port, rinfo.address));
      await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
      members.push(s);
      addresses.push(`127.0.0.1:${s.address().port}`);
    }
  });
  afterAll(() => members.forEach((s) => s.close()));

  const udpSpec = (pool: Partial<PoolSpec> = {}): LoadBalancerSpec => ({
    name: 'dns',
    frontends: [{ name: 'dns', protocol: 'udp', port: 53, idleTimeoutSeconds: 2, defaultAction: { forward: { pool: 'resolvers' } } }],
    pools: [{ name: 'resolvers', protocol: 'udp', port: 53, algorithm: 'round-robin', healthCheck: { protocol: 'tcp', port: 53 }, ...pool }],
  });

  /** A client socket that sends and collects answers. */
  async function client(from = '127.0.0.1') {
    const s = createSocket('udp4');
    const answers: string[] = [];
    s.on('message', (m) => answers.push(String(m)));
    await new Promise<void>((r) => s.bind(0, from, r));
    return {
      answers,
      ask: async (lb: LocalLoadBalancer, msg: string) => {
        const before = answers.length;
        s.send(msg, lb.address('dns').port, '127.0.0.1');
        await waitFor(() => answers.length > before, 2000, `an answer to ${msg}`);
        return answers[answers.length - 1];
      },
      close: () => s.close(),
    };
  }

  test('a flow (client address and port) keeps its member; another flow gets the next; idle flows end', async () => {
    const lb = await startLb(udpSpec(), { bindings: { resolvers: addresses }, timeScale: 0.1 });
    const a = await client();
    const b = await client();
    try {
      expect([(await lb.address('dns').port) > 0, await a.ask(lb, 'q1'), await a.ask(lb, 'q2'), await a.ask(lb, 'q3')]).toEqual([
        true,
        'u1:q1',
        'u1:q2',
        'u1:q3',
      ]);
      expect(await b.ask(lb, 'q4')).toBe('u2:q4');
      expect(await a.ask(lb, 'q5')).toBe('u1:q5');
      await sleep(350); // idle timeout 2 s -> 200 ms
      expect(lb.status().frontends[0].activeConnections).toBe(0);
      expect(await a.ask(lb, 'q6')).toBe('u1:q6'); // a new flow: round robin continues after u2
    } finally {
      a.close();
      b.close();
      await lb.stop({ graceMs: 0 });
    }
  });

  test('source-ip persistence: every port of one client address goes to the same member', async () => {
    const lb = await startLb(udpSpec({ sessionPersistence: { type: 'source-ip' } }), { bindings: { resolvers: addresses } });
    const clients = await Promise.all([client('127.0.0.5'), client('127.0.0.5'), client('127.0.0.5')]);
    try {
      const answers = await Promise.all(clients.map((c, i) => c.ask(lb, `x${i}`)));
      expect(new Set(answers.map((x) => x.split(':')[0])).size).toBe(1);
    } finally {
      clients.forEach((c) => c.close());
      await lb.stop({ graceMs: 0 });
    }
  });
});

test("Node's TCP handles are there in the shape the fast path expects, so plain TCP takes it by default", () => {
  // A Node whose internals differ falls back to net.Socket (same behaviour, more CPU); on the Node this
  // project runs on, the fast path must not silently be lost.
  expect({ node: process.versions.node, rawTcp: rawTcp() !== undefined }).toEqual({ node: process.versions.node, rawTcp: true });
});
