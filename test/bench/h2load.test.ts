import { parseH2load, percentiles } from '../../bench/tools/h2load';

// h2load 1.52's report, as printed for a run against the local proxy (bench/scenarios/h2.ts).
const REPORT = `starting benchmark...
spawning thread #0: 16 total client(s). Timing-based test with 1s of warm-up time and 3s of main duration for measurements.
Application protocol: h2c
Warm-up started for thread #0.
progress: 10% of clients started
Warm-up phase is over for thread #0.
Main benchmark duration is started for thread #0.
Main benchmark duration is over for thread #0. Stopping all clients.

finished in 3.00s, 21870.33 req/s, 23.05MB/s
requests: 65611 total, 65771 started, 65611 done, 65590 succeeded, 21 failed, 0 errored, 3 timeout
status codes: 65580 2xx, 0 3xx, 4 4xx, 6 5xx
traffic: 69.15MB (72509010) total, 1.63MB (1713012) headers (space savings 86.22%), 64.07MB (67185664) data
                     min         max         mean         sd        +/- sd
time for request:      899us     79.91ms      7.24ms      4.01ms    86.28%
`;

test('parseH2load: requests per second, answered requests, and failures plus 4xx/5xx as errors', () => {
  expect(parseH2load(REPORT)).toEqual({ requestsPerSecond: 21870.33, requests: 65611, errors: 21 + 0 + 3 + 4 + 6 });
});

test('parseH2load: a report without a summary gives NaN, not a number that looks measured', () => {
  const parsed = parseH2load('starting benchmark...\n');
  expect(parsed.requestsPerSecond).toBeNaN();
  expect(parsed.errors).toBeNaN();
});

test('percentiles: p50 and p99 of the per-request durations (third column, microseconds) in milliseconds', () => {
  // 200 requests taking 1..200 ms, in shuffled order, as h2load logs them (start, status, duration).
  const durations = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) + 1);
  const log = durations.map((ms, i) => `${1764676800000000 + i}\t200\t${ms * 1000}`).join('\n');
  expect(percentiles(`${log}\n`)).toEqual({ p50Ms: 100, p99Ms: 198 });
  expect(percentiles('')).toEqual({ p50Ms: NaN, p99Ms: NaN });
});
