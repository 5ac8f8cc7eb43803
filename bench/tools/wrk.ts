/** Runs wrk (always bounded by a duration) and parses its report. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface WrkResult {
  readonly requestsPerSecond: number;
  readonly bytesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses. */
  readonly errors: number;
  readonly non2xx: number;
}

export interface WrkOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly threads?: number;
  /** Close the connection after each request (new connections per second). */
  readonly closeConnections?: boolean;
  /** Paced load: total requests per second across all connections (a shared schedule of slots). */
  readonly rate?: number;
}

const PACE_SCRIPT = join(tmpdir(), 'lbkit-bench-pace.lua');
// Pacing by a schedule, not a fixed pause: every request takes the next slot of one timeline at WRK_RATE per
// second (all connections of the thread share it) and waits for it. A fixed pause per connection made the
// achieved rate depend on the proxy's own latency (a faster proxy got more load at the same "rate"); with
// slots, every proxy that can keep up gets the same rate. wrk's delay() is in whole milliseconds: a request
// may go out up to 1 ms before its slot, but each needs a slot, so the long-run rate stays WRK_RATE. After
// a stall of more than 100 ms the timeline restarts from now instead of bursting to catch up.
writeFileSync(
  PACE_SCRIPT,
  `
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } lbkit_timespec;
int clock_gettime(int clk_id, lbkit_timespec *tp);
]]
local ts = ffi.new("lbkit_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local interval = 1000 / tonumber(os.getenv("WRK_RATE"))
local slot = nil
function delay()
  local t = now_ms()
  if slot == nil or slot < t - 100 then slot = t end
  slot = slot + interval
  local wait = slot - t
  if wait < 0 then return 0 end
  return math.floor(wait)
end
`,
);

export async function wrk(options: WrkOptions): Promise<WrkResult> {
  const args = [`-t${options.threads ?? 1}`, `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '--timeout', '5s'];
  if (options.closeConnections) args.push('-H', 'Connection: close');
  if (options.rate) args.push('-s', PACE_SCRIPT);
  args.push(options.url);
  const env = { ...process.env, WRK_RATE: String(options.rate ?? 1) };
  const { stdout } = await exec('wrk', args, { env, timeout: (options.seconds + 30) * 1000, maxBuffer: 1 << 20 });
  return parseWrk(stdout);
}

function toMs(value: string, unit: string): number {
  const v = Number(value);
  return unit === 'us' ? v / 1000 : unit === 's' ? v * 1000 : unit === 'm' ? v * 60000 : v;
}

function toBytes(value: string, unit: string): number {
  const scale: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  return Number(value) * (scale[unit] ?? 1);
}

export function parseWrk(text: string): WrkResult {
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
    return m ? toMs(m[1], m[2]) : NaN;
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? NaN);
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(text);
  const requests = Number(/(\d+) requests in/.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
  return {
    requestsPerSecond: rps,
    bytesPerSecond: transfer ? toBytes(transfer[1], transfer[2]) : NaN,
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    requests,
    errors: socketErrors + non2xx,
    non2xx,
  };
}
