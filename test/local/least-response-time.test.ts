/** least-response-time's aging, on the algorithm alone: the exact probe schedule and how a probe's sample counts. */
import { LeastResponseTime, PROBE_EVERY, recordLatency, type Candidates } from '../../providers/local/balancer/algorithms';
import { Member } from '../../providers/local/balancer/member';

function members(n: number): Member[] {
  return Array.from({ length: n }, (_, i) => new Member({ host: '127.0.0.1', port: 3001 + i, weight: 1, probePort: 3001 + i }, i));
}

function candidates(ms: Member[], eligible: (m: Member) => boolean = () => true): Candidates {
  return { members: ms, eligible, ramp: () => 1, random: () => 0.5 };
}

/** Picks n times at concurrency 1, each picked member answering in `latency(member)` ms. */
function run(algo: LeastResponseTime, c: Candidates, n: number, latency: (m: Member) => number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = algo.pick(c)!;
    picked.push(m.index);
    recordLatency(m, latency(m));
  }
  return picked;
}

test('an idle member takes exactly every 20th pick; the others follow the score', () => {
  const ms = members(2);
  const algo = new LeastResponseTime();
  const picked = run(algo, candidates(ms), 100, (m) => (m.index === 0 ? 50 : 1));
  // Pick 1: no estimates, a tie (member 0); pick 2: member 1 counts the mean of known estimates, a tie again.
  // From then on member 0 (50 ms) only gets the probes: pick 20 finds it picked within the 19 before (pick 1),
  // picks 40, 60, 80 and 100 find it idle.
  const toSlow = picked.flatMap((index, i) => (index === 0 ? [i + 1] : []));
  expect(toSlow).toEqual([1, 40, 60, 80, 100]);
  expect(PROBE_EVERY).toBe(20);
});

test("a probe's sample replaces the stale estimate; other samples are averaged (α = 0.3)", () => {
  const [slow, fast] = members(2);
  const algo = new LeastResponseTime();
  recordLatency(slow, 50);
  recordLatency(fast, 1);
  recordLatency(fast, 2);
  expect(fast.latencyEwmaMs).toBeCloseTo(1.3);
  const c = candidates([slow, fast]);
  for (let i = 1; i < PROBE_EVERY; i++) expect(algo.pick(c)).toBe(fast);
  expect(algo.pick(c)).toBe(slow);
  expect(slow.latencyStale).toBe(true);
  recordLatency(slow, 1);
  expect(slow.latencyEwmaMs).toBe(1);
  expect(slow.latencyStale).toBe(false);
  recordLatency(slow, 11);
  expect(slow.latencyEwmaMs).toBeCloseTo(4);
});

test('no probe when every member had a recent pick, nor to a member that may not take work', () => {
  const ms = members(3);
  const algo = new LeastResponseTime();
  // Equal latencies: ties go round robin, so nobody is idle and picks 20 and 40 are ordinary turns.
  expect(run(algo, candidates(ms), 40, () => 5)).toEqual(Array.from({ length: 40 }, (_, i) => i % 3));
  // Member 2 drained: at pick 60 it is idle but not eligible, so the pick follows the score.
  const algo2 = new LeastResponseTime();
  const picked = run(
    algo2,
    candidates(ms, (m) => m.index !== 2),
    60,
    () => 5,
  );
  expect(picked).not.toContain(2);
});
