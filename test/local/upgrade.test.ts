/**
 * Upgrades through the proxy's own upstream connection (providers/local/http/upstream/) with a 101
 * hand-over: bytes on either side of the switch, retries (connection failures only), a refused answer, the
 * access log and metrics, and draining.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AccessLogEntry, LocalLoadBalancer } from '../../providers/local';
import { httpSpec, rawExchange, sleep, startLb, statusOf, waitFor } from './support';

const UPGRADE = 'GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n';

/** A member that lets the test act on each request head with the raw socket; bytes after the head go to `after`. */
class RawMember {
  readonly heads: string[] = [];
  after = '';
  accepted = 0;
  onHead: (head: string, socket: Socket) => void = () => undefined;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.server = createServer((socket) => {
      this.accepted++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      let buf = '';
      let switched = false;
      socket.on('data', (d: Buffer) => {
        if (switched) {
          this.after += d.toString('latin1');
          return;
        }
        buf += d.toString('latin1');
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        this.heads.push(buf.slice(0, end));
        switched = true;
        this.after += buf.slice(end + 4);
        this.onHead(buf.slice(0, end), socket);
      });
    });
  }

  listen(): Promise<this> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(this)));
  }

  get address(): string {
    return `127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  get open(): number {
    return this.sockets.size;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (a member that refuses connections). */
async function deadAddress(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return `127.0.0.1:${port}`;
}

let member: RawMember;
let lb: LocalLoadBalancer;
const log: AccessLogEntry[] = [];

beforeEach(async () => {
  member = await new RawMember().listen();
  log.length = 0;
});

afterEach(async () => {
  await lb?.stop({ graceMs: 0 });
  await member.close();
});

test("bytes on both sides of the 101 arrive: the member's after its head, the client's sent before the answer", async () => {
  member.onHead = (_head, s) => {
    s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Backend: raw\r\n\r\nfrom-member');
    s.on('data', (d: Buffer) => s.write(d)); // then an echo
  };
  lb = await startLb(httpSpec(), { bindings: { app: [member.address] }, accessLog: (e) => log.push(e) });
  const raw = await rawExchange(lb.address('web').port, [`${UPGRADE}early`, 'later'], { gapMs: 50, waitMs: 400 });
  expect(statusOf(raw.text)).toBe(101);
  expect(raw.text).toMatch(/\r\nUpgrade: websocket\r\n/);
  expect(raw.text).toMatch(/\r\nX-Backend: raw\r\n/);
  expect(raw.text.endsWith('\r\n\r\nfrom-memberearlylater')).toBe(true);
  expect(member.after).toBe('earlylater');
  // The member was offered the upgrade, with forwarding headers and no keep-alive.
  expect(member.heads[0]).toMatch(/^GET \/ws HTTP\/1\.1\r\n/);
  expect(member.heads[0]).toMatch(/\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n/);
  expect(member.heads[0]).toMatch(/\r\nX-Forwarded-For: 127\.0\.0\.1\r\n/);
  expect(member.heads[0]).not.toMatch(/keep-alive/i);
  await waitFor(() => log.length === 1, 2000, 'the access-log entry');
  expect(log[0]).toMatchObject({ type: 'ws', elb_status_code: 101, target_status_code: 101, target: member.address, actions_executed: 'forward' });
  expect(lb.status().frontends[0].responses).toEqual({ '1xx': 1 });
  expect(lb.members('app')[0].inFlight).toBe(0);
});

test('a member that refuses the connection: the upgrade goes to another; one that accepts and drops it: 502, not retried', async () => {
  const dead = await deadAddress();
  member.onHead = (_head, s) => s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  lb = await startLb(httpSpec(), { bindings: { app: [dead, member.address] } });
  for (let i = 0; i < 2; i++) expect(statusOf((await rawExchange(lb.address('web').port, UPGRADE, { waitMs: 300 })).text)).toBe(101);
  expect(member.heads).toHaveLength(2);
  await lb.stop({ graceMs: 0 });

  const dropper = await new RawMember().listen();
  dropper.onHead = (_head, s) => s.resetAndDestroy();
  try {
    lb = await startLb(httpSpec(), { bindings: { app: [dropper.address, member.address] } });
    // Round robin starts with the dropping member: the request may have reached it, so it is not resent.
    const raw = await rawExchange(lb.address('web').port, UPGRADE);
    expect(statusOf(raw.text)).toBe(502);
    expect(raw.closed).toBe(true);
    expect(member.heads).toHaveLength(2);
  } finally {
    await dropper.close();
  }
});

test('an answer other than 101 is passed on with its body, then the connection closes', async () => {
  member.onHead = (_head, s) => s.write('HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nnope\r\n0\r\n\r\n');
  lb = await startLb(httpSpec(), { bindings: { app: [member.address] } });
  const raw = await rawExchange(lb.address('web').port, UPGRADE);
  expect(statusOf(raw.text)).toBe(403);
  expect(raw.text).toMatch(/\r\nConnection: close\r\n/);
  expect(raw.text).toMatch(/\r\n\r\n4\r\nnope\r\n0\r\n\r\n$/);
  expect(raw.closed).toBe(true);
});

test('draining cuts a tunnel when the draining time runs out', async () => {
  member.onHead = (_head, s) => s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  lb = await startLb(httpSpec({ drainingSeconds: 1 }), { bindings: { app: [member.address] }, timeScale: 0.1 });
  const client = connect(lb.address('web').port, '127.0.0.1');
  let text = '';
  client.on('data', (d: Buffer) => (text += d.toString('latin1')));
  const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
  client.on('error', () => undefined);
  client.write(UPGRADE);
  await waitFor(() => statusOf(text) === 101, 2000, 'the 101');
  await sleep(20);
  expect(await lb.drain('app', member.address)).toMatchObject({ cut: 1 });
  await closed;
  await waitFor(() => member.open === 0, 2000, 'the member side to close');
});
