/**
 * Runs h2load (nghttp2's HTTP/2 load generator; bench/setup.sh installs it) and parses its report. A run is
 * bounded in requests (`requests`: h2load's -n) or in time (`seconds`: h2load's timing-based -D, after a
 * one-second warm-up), and the process is killed 30 s past its time bound either way. (h2load's -T, the
 * connection active timeout, does not end a -n run early: measured with 1.52.) h2load prints no
 * percentiles: p50 and p99 come from its per-request log (--log-file).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface H2loadOptions {
  /** An http:// URL: HTTP/2 by prior knowledge (h2c). */
  readonly url: string;
  /** Requests in all, across clients (a request-bounded run). */
  readonly requests?: number;
  /** The measured duration (a time-bounded run); with `requests`, the time allowed before the run fails. */
  readonly seconds: number;
  /** Connections. */
  readonly clients: number;
  /** Concurrent streams per connection. */
  readonly streams: number;
}

export interface H2loadResult {
  /** Successful requests per second over the run. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Requests that got an answer. */
  readonly requests: number;
  /** Failed, errored or timed-out requests, and answers other than 2xx/3xx. */
  readonly errors: number;
}

export async function h2load(options: H2loadOptions): Promise<H2loadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-bench-h2load-'));
  const logFile = join(dir, 'requests.log');
  try {
    const args = ['-c', String(options.clients), '-m', String(options.streams), '-t', '1', '--log-file', logFile];
    if (options.requests) args.push('-n', String(options.requests));
    else args.push('-D', String(options.seconds), '--warm-up-time', '1');
    args.push(options.url);
    // h2load exits non-zero when some requests did not finish: its report still counts them.
    const stdout = await exec('h2load', args, { timeout: (options.seconds + 31) * 1000, maxBuffer: 1 << 20 }).then(
      (out) => out.stdout,
      (e: Error & { stdout?: string }) => {
        if (e.stdout && /finished in/.test(e.stdout)) return e.stdout;
        throw e;
      },
    );
    return { ...parseH2load(stdout), ...percentiles(readFileSync(logFile, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Requests per second, answered requests and errors from h2load's summary. */
export function parseH2load(text: string): Omit<H2loadResult, 'p50Ms' | 'p99Ms'> {
  const rps = Number(/finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(text)?.[1] ?? NaN);
  const counts = /requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/.exec(text);
  const status = /status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx/.exec(text);
  const failed = counts ? Number(counts[3]) + Number(counts[4]) + Number(counts[5]) : NaN;
  const bad = status ? Number(status[3]) + Number(status[4]) : 0;
  return { requestsPerSecond: rps, requests: counts ? Number(counts[1]) : 0, errors: failed + bad };
}

/** p50 and p99 from h2load's --log-file: one line per request, "start (µs since epoch) TAB status TAB duration (µs)". */
export function percentiles(log: string): { p50Ms: number; p99Ms: number } {
  const durations = log
    .split('\n')
    .map((line) => Number(line.split('\t')[2]))
    .filter((d) => Number.isFinite(d))
    .sort((a, b) => a - b);
  const at = (p: number) => (durations.length ? durations[Math.min(durations.length - 1, Math.ceil(p * durations.length) - 1)] / 1000 : NaN);
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}
