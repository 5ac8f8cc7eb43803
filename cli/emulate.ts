/**
 * `lbkit emulate`: run a spec locally, or `--demo`. cli/plugins.ts declares the command and loads this
 * module only when it runs.
 */
import { createWriteStream } from 'node:fs';
import { reportLoadError, type Output } from './commands';
import type { AccessLogSink } from '../providers/local/access-log';
import { parseHostPort } from '../providers/local/address';
import { LocalLoadBalancer } from '../providers/local/load-balancer';
import { unboundPools, type Binding, type LocalStartOptions } from '../providers/local/options';
import { loadModel } from '../lib/model/build';
import { printListeners, describeEvent, untilStopped } from '../providers/local/console';
import { runDemo } from '../providers/local/demo';
import { LocalOptionsError } from '../lib/errors';

export interface EmulateOptions {
  /** 'pool=addr,addr' (repeatable); 'addr*3' gives weight 3. */
  readonly bind?: readonly string[];
  /** 'frontend=port' or 'frontend=host:port' (repeatable). */
  readonly listen?: readonly string[];
  readonly host?: string;
  readonly admin?: string;
  /** A file, or '-' for stdout. */
  readonly accessLog?: string;
  readonly timeScale?: string;
  readonly demo?: boolean;
  /** Stop after this many seconds. */
  readonly duration?: string;
}

function pairs(values: readonly string[] | undefined, option: string): Array<[string, string]> {
  return (values ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new LocalOptionsError(option, `'${v}' must look like name=value`);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

/** --bind web=127.0.0.1:3001,127.0.0.1:3002*3 -> bindings. */
export function parseBindings(values: readonly string[] | undefined): Record<string, Binding[]> {
  const out: Record<string, Binding[]> = {};
  for (const [pool, list] of pairs(values, '--bind')) {
    out[pool] = [
      ...(out[pool] ?? []),
      ...list
        .split(',')
        .filter(Boolean)
        .map((entry): Binding => {
          const star = entry.lastIndexOf('*');
          return star > 0 ? { address: entry.slice(0, star), weight: Number(entry.slice(star + 1)) } : entry;
        }),
    ];
  }
  return out;
}

function numberOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new LocalOptionsError(option, `'${value}' is not a non-negative number`);
  return n;
}

function accessLogSink(target: string | undefined): AccessLogSink | undefined {
  if (!target) return undefined;
  return target === '-' ? process.stdout : createWriteStream(target, { flags: 'a' });
}

export async function emulateCommand(spec: string | undefined, options: EmulateOptions, io: Output): Promise<number> {
  try {
    const duration = numberOption(options.duration, '--duration');
    const timeScale = numberOption(options.timeScale, '--time-scale');
    if (options.demo) {
      return await runDemo({
        io,
        timeScale: timeScale ?? 0.1,
        durationSeconds: duration,
        interactive: process.stdin.isTTY === true,
        admin: options.admin,
        accessLog: accessLogSink(options.accessLog),
      });
    }
    if (!spec) {
      io.err('✗ give a spec file (lbkit emulate <spec> --bind pool=host:port,...), or --demo');
      return 2;
    }
    // A global spec (kind: global) runs its regions, DNS and anycast front (cli/emulate-global.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const global = require('./emulate-global') as typeof import('./emulate-global');
    if (global.isGlobalSpecFile(spec)) return await global.emulateGlobal(spec, { bind: options.bind, timeScale, duration }, io);
    const listen: Record<string, string> = {};
    for (const [frontend, at] of pairs(options.listen, '--listen')) {
      if (!parseHostPort(at)) throw new LocalOptionsError(`--listen ${frontend}`, `'${at}' is not a port or host:port`);
      listen[frontend] = at;
    }
    const startOptions: LocalStartOptions = {
      bindings: parseBindings(options.bind),
      listen,
      ...(options.host ? { host: options.host } : {}),
      ...(options.admin !== undefined ? { admin: options.admin } : {}),
      ...(timeScale !== undefined ? { timeScale } : {}),
      ...(options.accessLog ? { accessLog: accessLogSink(options.accessLog) } : {}),
    };
    const model = loadModel(spec);
    let lb: LocalLoadBalancer;
    try {
      lb = await LocalLoadBalancer.start({ model }, startOptions);
    } catch (e) {
      const code = reportLoadError(e, io);
      // Pools without members, as the flags that bind them (every one, not the first).
      const unbound = unboundPools(model, startOptions.bindings);
      if (unbound.length) {
        io.err(`  ${unbound.length} pool${unbound.length === 1 ? '' : 's'} without members; give each a --bind (an empty list, --bind pool=, answers 503):`);
        for (const pool of unbound) io.err(`    --bind ${pool}=127.0.0.1:<port>[,127.0.0.1:<port>...]`);
      }
      return code;
    }
    lb.on('event', (e) => io.out(describeEvent(e)));
    io.out(`lbkit emulate: ${lb.model.name} (${spec})`);
    printListeners(lb, io);
    for (const w of lb.model.warnings) io.out(`warning ${w.path}: ${w.message}`);
    for (const w of lb.warnings) io.out(`warning ${w}`);
    io.out(duration !== undefined ? `serving for ${duration} s` : 'serving; Ctrl-C to stop');
    await untilStopped(duration);
    io.out('stopping: letting requests in flight finish (Ctrl-C again to stop now)');
    const now = () => void lb.stop({ graceMs: 0 });
    process.once('SIGINT', now);
    await lb.stop();
    process.off('SIGINT', now);
    return 0;
  } catch (e) {
    return reportLoadError(e, io);
  }
}
