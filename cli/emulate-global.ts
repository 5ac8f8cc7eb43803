/**
 * `lbkit emulate <global spec>`: runs a global spec (kind: global) on loopback: its regional proxies, the
 * authoritative DNS server and, for anycast, the front. Without --bind every region gets two demo members.
 * cli/emulate.ts hands a file over here when it says `kind: global`.
 */
import { loadGlobalModel } from '../lib/model/global';
import { LocalOptionsError } from '../lib/errors';
import { LocalGlobal } from '../providers/local/global/local-global';
import { untilStopped } from '../providers/local/console';
import type { Binding } from '../providers/local/options';
import { startBackends, type TestBackend } from '../providers/local/testing/backend';
import type { Output } from './commands';

export { isGlobalSpecFile } from './global-file';

/** --bind us-east.web=127.0.0.1:3001,127.0.0.1:3002 -> { 'us-east': { web: [...] } }. */
export function parseRegionBindings(values: readonly string[] | undefined): Record<string, Record<string, Binding[]>> {
  const out: Record<string, Record<string, Binding[]>> = {};
  for (const value of values ?? []) {
    const m = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)=(.+)$/.exec(value);
    if (!m) throw new LocalOptionsError('--bind', `'${value}' must look like region.pool=host:port,... for a global spec`);
    const [, region, pool, list] = m;
    out[region] = { ...(out[region] ?? {}), [pool]: [...(out[region]?.[pool] ?? []), ...list.split(',').filter(Boolean)] };
  }
  return out;
}

export interface GlobalEmulateOptions {
  readonly bind?: readonly string[];
  readonly timeScale?: number;
  readonly duration?: number;
}

export async function emulateGlobal(file: string, options: GlobalEmulateOptions, io: Output): Promise<number> {
  let bindings = parseRegionBindings(options.bind);
  const demo: TestBackend[] = [];
  const model = loadGlobalModel(file);
  if (!options.bind?.length) {
    // Two demo members per region and pool, named after the region, so a response says who answered.
    bindings = {};
    for (const r of model.regions) {
      const pools = r.loadBalancer.pools.map((p) => p.name);
      bindings[r.name] = {};
      for (const pool of pools) {
        const started = await startBackends([`${r.name}-${pool}-1`, `${r.name}-${pool}-2`]);
        demo.push(...started);
        bindings[r.name][pool] = started.map((b) => b.address);
      }
    }
  }
  const global = await LocalGlobal.start(model, { bindings, ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}) });
  io.out(`lbkit emulate: global ${model.name} (${file}), ${model.delivery} delivery, ${model.steering.policy} steering`);
  io.out(`  DNS (authoritative for ${model.zone}): ${global.dns.host}:${global.dns.port}`);
  model.regions.forEach((r) => {
    const lb = global.region(r.name);
    io.out(`  region ${r.name}: ${lb.url(r.frontend)}${demo.length ? ' (demo members)' : ''}`);
  });
  if (global.anycast) io.out(`  anycast front: ${global.anycast.host}:${global.anycast.port}`);
  for (const c of global.clients.clients) {
    const source = c.cidr.endsWith('/32') ? c.cidr.slice(0, -3) : undefined;
    io.out(
      `  client ${c.name} (${[c.location.continent, c.location.country].filter(Boolean).join('/')}): ${
        source
          ? `dig @${global.dns.host} -p ${global.dns.port} -b ${source} ${model.hostNames[0]}`
          : `dig @${global.dns.host} -p ${global.dns.port} +subnet=${c.cidr} ${model.hostNames[0]}`
      }`,
    );
  }
  global.health.onChange((c) => io.out(`region ${c.region} is ${c.healthy ? 'healthy' : 'unhealthy'} (${c.cause})`));
  io.out(options.duration !== undefined ? `serving for ${options.duration} s` : 'serving; Ctrl-C to stop');
  await untilStopped(options.duration);
  await global.stop();
  await Promise.all(demo.map((b) => b.close()));
  return 0;
}
