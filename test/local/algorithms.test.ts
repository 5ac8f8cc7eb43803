/** The algorithms over real sockets, with exact sequences where the definition is deterministic. */
import type { Algorithm } from '../../lib/spec/schema';
import { Agent } from 'node:http';
import { request, startBackends } from '../../providers/local';
import { httpSpec, sleep, startLb, tally, waitFor } from './support';

async function pool(algorithm: Algorithm, names: string[], weights?: number[], extra: Parameters<typeof httpSpec>[0] = {}) {
  const backends = await startBackends(names);
  const lb = await startLb(httpSpec({ algorithm, ...extra }), {
    bindings: { app: backends.map((b, i) => ({ address: b.address, weight: weights?.[i] ?? 1 })) },
    random: seeded(42),
  });
  // One keep-alive client connection for sequences; a connection per request when a source address is set.
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const send = async (path = '/', from?: string) =>
    String((await request(`${lb.url('web')}${path}`, from ? { localAddress: from } : { agent })).headers['x-backend']);
  const sequence = async (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await send());
    return out;
  };
  const close = async () => {
    agent.destroy();
    await lb.stop({ graceMs: 0 });
    await Promise.all(backends.map((b) => b.close()));
  };
  return { lb, backends, send, sequence, close };
}

type Pool = Awaited<ReturnType<typeof pool>>;

/** Runs `use` on an opened pool and closes it, whether `use` passes or throws. */
async function withPool(p: Pool, use: (p: Pool) => Promise<void>): Promise<void> {
  try {
    await use(p);
  } finally {
    await p.close();
  }
}

/** mulberry32: a seeded generator, so `random` tests are exact and repeatable. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('round-robin', () => {
  let p: Pool;
  beforeAll(async () => (p = await pool('round-robin', ['a', 'b', 'c'], [5, 1, 1])));
  afterAll(() => p.close());

  test('members take turns in binding order, weights ignored', async () => {
    expect(await p.sequence(9)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  test('a member that cannot take work loses its turns; the order of the others is kept', async () => {
    await p.lb.drain('app', p.backends[1].address);
    expect(await p.sequence(4)).toEqual(['a', 'c', 'a', 'c']);
    p.lb.undrain('app', p.backends[1].address);
    expect(await p.sequence(3)).toEqual(['a', 'b', 'c']);
  });
});

describe('weighted-round-robin (smooth, as nginx)', () => {
  test("weights 5,1,1 give nginx's documented sequence a a b a c a a", async () => {
    await withPool(await pool('weighted-round-robin', ['a', 'b', 'c'], [5, 1, 1]), async (p) => {
      expect(await p.sequence(14)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a', 'a', 'a', 'b', 'a', 'c', 'a', 'a']);
    });
  });

  test('weights 1:3 over 1000 requests: within ±5%', async () => {
    await withPool(await pool('weighted-round-robin', ['a', 'b'], [1, 3]), async (p) => {
      const counts = tally(await p.sequence(1000));
      expect(Math.abs(counts.b - 750)).toBeLessThanOrEqual(50);
      expect(counts.a + counts.b).toBe(1000);
    });
  });
});

describe('random', () => {
  test('weights 1:3 over 1000 requests: within ±5%', async () => {
    await withPool(await pool('random', ['a', 'b'], [1, 3]), async (p) => {
      const counts = tally(await p.sequence(1000));
      expect(Math.abs(counts.b - 750)).toBeLessThanOrEqual(50);
    });
  });
});

describe('least-connections', () => {
  test('ties go round robin; a busy (slow) member gets nothing while another is idle', async () => {
    await withPool(await pool('least-connections', ['slow', 'fast']), async (p) => {
      expect(await p.sequence(4)).toEqual(['slow', 'fast', 'slow', 'fast']);
      p.backends[0].delayMs = 800;
      const held = p.send('/held'); // tie after 'fast': goes to slow and stays in flight
      await waitFor(() => p.lb.members('app')[0].inFlight === 1);
      expect(await p.sequence(10)).toEqual(Array(10).fill('fast'));
      expect(await held).toBe('slow');
      p.backends[0].delayMs = 0;
      // Idle again: the tie goes round robin from the last pick ('fast').
      expect(await p.sequence(2)).toEqual(['slow', 'fast']);
    });
  });

  test('under concurrent load the slow member gets a small share', async () => {
    await withPool(await pool('least-connections', ['slow', 'fast']), async (p) => {
      p.backends[0].delayMs = 100;
      const names: string[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 15; i++) names.push(await p.send());
        }),
      );
      const counts = tally(names);
      expect(counts.slow).toBeLessThanOrEqual(12);
      expect(counts.fast).toBeGreaterThanOrEqual(48);
    });
  });
});

describe('least-response-time', () => {
  /** Runs `use` on a pool of a 'slow' member (the first) and a 'fast' one. */
  const withSlowAndFast = async (use: (p: Pool) => Promise<void>) => withPool(await pool('least-response-time', ['slow', 'fast']), use);

  /** The slow member answers `delayMs` late for 40 requests, then promptly again; returns its latency estimate from the slow ones. */
  async function slowThenRecovered(p: Pool, delayMs: number): Promise<number | null> {
    p.backends[0].delayMs = delayMs;
    await p.sequence(40);
    const estimate = p.lb.members('app')[0].latencyEwmaMs;
    p.backends[0].delayMs = 0;
    return estimate;
  }

  test('a slow member gets few requests once its latency is known', async () => {
    await withSlowAndFast(async (p) => {
      p.backends[0].delayMs = 40;
      const counts = tally(await p.sequence(40));
      expect(counts.slow).toBeLessThanOrEqual(2);
      expect(p.lb.members('app')[0].latencyEwmaMs).toBeGreaterThan(30);
    });
  });

  // Without probes, a member that was slow keeps its estimate forever at concurrency 1: 100 of 100 requests
  // went to the other member and the recovered member's EWMA stayed above 30 ms.
  test('a member that was slow and recovered gets traffic back at concurrency 1 (an idle member takes every 20th pick)', async () => {
    await withSlowAndFast(async (p) => {
      expect(await slowThenRecovered(p, 40)).toBeGreaterThan(30);
      const after = tally(await p.sequence(100));
      expect(after.slow).toBeGreaterThanOrEqual(5);
      // The probe's sample replaced the stale estimate rather than being averaged into it.
      expect(p.lb.members('app')[0].latencyEwmaMs).toBeLessThan(20);
    });
  });

  // The other member slows down, but stays below the recovered member's stale 60 ms: without probes it keeps
  // every request.
  test('once the recovered member is the faster one, it takes most requests again', async () => {
    await withSlowAndFast(async (p) => {
      await slowThenRecovered(p, 60);
      p.backends[1].delayMs = 25;
      const after = tally(await p.sequence(100));
      expect(after.slow).toBeGreaterThanOrEqual(60);
    });
  });
});

describe('ip-hash (consistent hashing)', () => {
  const clients = Array.from({ length: 400 }, (_, i) => `127.0.${1 + Math.floor(i / 200)}.${1 + (i % 200)}`);

  test('a client keeps its member; removing one of 4 members remaps only its clients (about 1/4)', async () => {
    await withPool(await pool('ip-hash', ['a', 'b', 'c', 'd']), async (p) => {
      const before = new Map<string, string>();
      for (const c of clients) before.set(c, await p.send('/', c));
      for (const c of clients.slice(0, 20)) expect(await p.send('/', c)).toBe(before.get(c));
      const spread = tally([...before.values()]);
      for (const m of ['a', 'b', 'c', 'd']) expect(spread[m]).toBeGreaterThan(50);

      await p.lb.drain('app', p.backends[1].address); // 'b' leaves
      const moved: string[] = [];
      for (const c of clients) {
        const now = await p.send('/', c);
        if (before.get(c) === 'b') moved.push(now);
        else expect(now).toBe(before.get(c));
      }
      expect(moved).not.toContain('b');
      const fraction = moved.length / clients.length;
      expect(fraction).toBeGreaterThan(0.15);
      expect(fraction).toBeLessThan(0.35);
      // The moved clients spread over the remaining members.
      expect(new Set(moved).size).toBe(3);

      p.lb.undrain('app', p.backends[1].address);
      for (const c of clients.slice(0, 50)) expect(await p.send('/', c)).toBe(before.get(c));
    });
  });
});

describe('slow start', () => {
  test('a member taken back ramps up from 10% of its share, then takes its full share', async () => {
    await withPool(await pool('round-robin', ['a', 'b'], undefined, { slowStartSeconds: 2 }), async (p) => {
      await p.lb.drain('app', p.backends[0].address);
      p.lb.undrain('app', p.backends[0].address);
      const early = tally(await p.sequence(22));
      // At 10%, 'a' needs 11 turns (credit 0.1 each; 10 x 0.1 < 1 in floating point) for one request.
      expect(early.a).toBeGreaterThanOrEqual(1);
      expect(early.a).toBeLessThanOrEqual(3);
      await sleep(2100);
      expect(p.lb.members('app')[0].slowStart).toBe(1);
      expect(tally(await p.sequence(20))).toEqual({ a: 10, b: 10 });
    });
  });
});
