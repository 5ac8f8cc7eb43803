/**
 * Retries (SEMANTICS.md, "Retries"): a member that failed is tried for the request on whatever connection
 * it failed, a pooled keep-alive one included, so the retry goes elsewhere; only with nobody else left does
 * a failure on a reused connection get one new connection to the same member. Unit tests on retry.ts, then
 * a flapping member over loopback sockets.
 */
import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import { buildModel } from '../../lib/model';
import { PoolRuntime } from '../../providers/local/balancer/pool';
import type { Member } from '../../providers/local/balancer/member';
import { Retries } from '../../providers/local/http/retry';
import { request, startBackends } from '../../providers/local';
import { TimeScale } from '../../providers/local/time';
import { httpSpec, RawMember, startLb, tally } from './support';

const KEY = '10.0.0.7';

/** A pool of `n` members; ip-hash sends KEY to the same member every time unless it is excluded. */
function pool(n: number, extra: Parameters<typeof httpSpec>[0] = {}): PoolRuntime {
  const model = buildModel(httpSpec({ algorithm: 'ip-hash', ...extra })).pools[0];
  const bindings = Array.from({ length: n }, (_, i) => ({ host: '127.0.0.1', port: 9000 + i, weight: 1, probePort: 9000 + i }));
  return new PoolRuntime(model, bindings, new TimeScale(1), Math.random, () => undefined);
}

/** How an attempt failed: on a pooled connection, on a new one once connected, or before any connection came up. */
const ON_REUSED = { connected: true, reused: true } as const;
const ON_NEW = { connected: true, reused: false } as const;
const UNCONNECTED = { connected: false, reused: false } as const;
type Failure = typeof ON_REUSED | typeof ON_NEW | typeof UNCONNECTED;

/**
 * The retries of one request to `p` (a GET without a body unless said); `after(member, failure, attempts)` is
 * who takes the request once attempt number `attempts` failed on `member` that way.
 */
function retriesOf(p: PoolRuntime, now: number, method = 'GET', withBody = false, upgrade = false) {
  const retries = new Retries(p, method, withBody, upgrade);
  const after = (member: Member, failure: Failure, attempts: number) => retries.next({ member, ...failure }, attempts, KEY, now);
  return { retries, after };
}

describe('who takes a request after a failed attempt', () => {
  test('a failure on a reused pooled connection marks the member tried: the retry never lands on it again', () => {
    const p = pool(3);
    const now = Date.now();
    const first = p.choose({ clientKey: KEY, now })!;
    // Without the failure, the ring gives this client the same member every time.
    expect(p.choose({ clientKey: KEY, now })).toBe(first);
    const { retries, after } = retriesOf(p, now);
    const second = after(first, ON_REUSED, 1)!;
    expect(retries.failed).toEqual([first]);
    expect(second).toEqual({ member: expect.anything(), fresh: false });
    expect(second.member).not.toBe(first);
    const third = after(second.member, ON_REUSED, 2)!;
    expect(retries.failed).toEqual([first, second.member]);
    expect(new Set([first, second.member, third.member]).size).toBe(3);
    // Everybody tried: the last failure was on a reused connection, so its member gets one new connection.
    expect(after(third.member, ON_REUSED, 3)).toEqual({ member: third.member, fresh: true });
    expect(after(third.member, ON_NEW, 4)).toBeUndefined();
  });

  test('one member: a dropped pooled connection gets one new connection to it; a failed new one ends the request', () => {
    const p = pool(1);
    const [m] = p.members;
    const { after } = retriesOf(p, Date.now());
    expect(after(m, ON_REUSED, 1)).toEqual({ member: m, fresh: true });
    expect(after(m, ON_NEW, 2)).toBeUndefined();
  });

  test('a failed new connection is never retried on its member, even when it is the only one', () => {
    const p = pool(2);
    const [a, b] = p.members;
    const { after } = retriesOf(p, Date.now());
    expect(after(a, ON_NEW, 1)).toEqual({ member: b, fresh: false });
    expect(after(b, UNCONNECTED, 2)).toBeUndefined();
  });

  test('once a request may have reached a member, only an idempotent one without a body (and no upgrade) is sent again', () => {
    const p = pool(3);
    const [a] = p.members;
    const now = Date.now();
    for (const [method, withBody, upgrade] of [
      ['POST', false, false],
      ['GET', true, false],
      ['GET', false, true],
    ] as const) {
      expect(retriesOf(p, now, method, withBody, upgrade).after(a, ON_REUSED, 1)).toBeUndefined();
      // A refused connection sent nothing: any of them goes to another member.
      expect(retriesOf(p, now, method, withBody, upgrade).after(a, UNCONNECTED, 1)?.member).not.toBe(a);
    }
  });

  test('at most members + 1 attempts', () => {
    const p = pool(3);
    const [a] = p.members;
    const now = Date.now();
    expect(retriesOf(p, now).after(a, UNCONNECTED, 3)?.member).not.toBe(a);
    expect(retriesOf(p, now).after(a, UNCONNECTED, 4)).toBeUndefined();
  });

  test('a member that is ejected or draining by then gets no second connection', () => {
    const p = pool(1, { whenAllUnhealthy: 'fail-closed' });
    const [m] = p.members;
    const now = Date.now();
    m.ejectedUntil = now + 60_000;
    expect(retriesOf(p, now).after(m, ON_REUSED, 1)).toBeUndefined();
  });
});

/**
 * A member that flaps: up for 60 ms (every request answered, keep-alive, so the proxy pools its
 * connections), then down for 20 ms (every request dropped as it arrives, alternately with a reset and a
 * close), and so on; every third connection is dropped on its first request whatever the phase.
 */
class FlappingMember extends RawMember {
  droppedReused = 0;
  droppedNew = 0;
  private readonly started = Date.now();

  protected onConnection(socket: Socket, n: number): void {
    let requests = 0;
    let buf = '';
    socket.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        buf = buf.slice(end + 4);
        requests++;
        const up = (Date.now() - this.started) % 80 < 60;
        if (up && !(requests === 1 && n % 3 === 0)) {
          socket.write('HTTP/1.1 200 OK\r\nX-Backend: flap\r\nContent-Length: 4\r\n\r\nflap');
          continue;
        }
        if (requests === 1) this.droppedNew++;
        else this.droppedReused++;
        if (n % 2 === 0) socket.resetAndDestroy();
        else socket.end();
        return;
      }
    });
  }
}

test('a flapping member: 0 of 2400 GETs fail, and it failed on both new and reused connections', async () => {
  const backends = await startBackends(['a']);
  const flap = await new FlappingMember().listen();
  // random, two members: a retry that did not exclude the member picks it again half the time, on another
  // pooled connection that fails as well (with reused connections left out of "tried", 4-8 of these GETs
  // failed with 502 in three runs; the attempts run out at members + 1 = 3).
  const lb = await startLb(httpSpec({ algorithm: 'random' }), { bindings: { app: [flap.address, ...backends.map((b) => b.address)] } });
  const statuses: string[] = [];
  try {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        for (let i = 0; i < 150; i++) {
          const res = await request(`${lb.url('web')}/`, { agent }).catch((e: Error) => ({
            status: 0,
            headers: {} as Record<string, string>,
            body: e.message,
          }));
          statuses.push(res.status === 200 ? String(res.headers['x-backend']) : `${res.status} ${res.body.slice(0, 60)}`);
        }
        agent.destroy();
      }),
    );
    const counts = tally(statuses);
    expect(statuses).toHaveLength(2400);
    expect(Object.keys(counts).filter((k) => !['a', 'flap'].includes(k))).toEqual([]);
    expect(flap.droppedReused).toBeGreaterThan(0);
    expect(flap.droppedNew).toBeGreaterThan(0);
    expect(lb.members('app')[0].failures).toBe(flap.droppedReused + flap.droppedNew);
  } finally {
    await lb.stop({ graceMs: 0 });
    await flap.close();
    await Promise.all(backends.map((b) => b.close()));
  }
});
