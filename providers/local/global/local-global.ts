/**
 * LocalGlobal: a global model executed on loopback. Each region is a LocalLoadBalancer listening on its own
 * loopback address (127.0.1.N) on one shared port, as regions share a port behind different addresses; a small
 * authoritative DNS server answers the host names per client (dns delivery) or with the address of an anycast
 * front that picks the region per connection (anycast delivery). Health, TTL and fail-open follow SEMANTICS.md
 * section 9, with every duration multiplied by `timeScale`.
 */
import { createServer } from 'node:net';
import { LocalOptionsError, type Problem } from '../../../lib/errors';
import { loadGlobalModel } from '../../../lib/model/global';
import type { GlobalModel, RegionModel } from '../../../lib/model/global-types';
import { steer, type SteeringDecision } from '../../../lib/model/global-steer';
import { reachedPools } from '../../../lib/model/derived';
import { LocalLoadBalancer } from '../load-balancer';
import type { Binding } from '../options';
import { AnycastProxy } from './anycast-proxy';
import { ClientDirectory, defaultClients, type SimulatedClient } from './clients';
import { AuthoritativeDnsServer } from './dns-server';
import { GlobalClient } from './client';
import { RCODE, TYPE_A, type ClientSubnet, type DnsAnswer, type DnsQuery } from './dns-wire';
import { RegionHealthMonitor, type RegionHealthChange } from './region-health';

export interface LocalGlobalOptions {
  /** Members of each region's pools: `{ 'us-east': { web: ['127.0.0.1:3001'] } }`. Every region needs an entry. */
  readonly bindings: Readonly<Record<string, Readonly<Record<string, readonly Binding[]>>>>;
  /** @default one client per region, at the region's location, querying from 127.0.2.(i+1) */
  readonly clients?: readonly SimulatedClient[];
  /** Port of the DNS server on 127.0.0.1. @default a free port */
  readonly dnsPort?: number;
  /** The port every region's frontend (and the anycast front) listens on. @default a free port */
  readonly port?: number;
  /** Multiplies every duration: health interval and timeout, TTL (rounded up to whole seconds), and each load balancer's own. @default 1 */
  readonly timeScale?: number;
  /** Draws for weighted steering, in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** Region i listens on 127.0.1.(i+1); the anycast front on 127.0.1.254. */
export const regionAddress = (index: number) => `127.0.1.${index + 1}`;
export const ANYCAST_ADDRESS = '127.0.1.254';

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface GlobalAnswer {
  readonly client?: string;
  readonly decision: SteeringDecision;
}

export class LocalGlobal {
  private readonly changes: RegionHealthChange[] = [];

  private constructor(
    readonly model: GlobalModel,
    /** The regional load balancers, by region name. */
    readonly regions: ReadonlyMap<string, LocalLoadBalancer>,
    readonly port: number,
    readonly dns: AuthoritativeDnsServer,
    readonly anycast: AnycastProxy | undefined,
    readonly health: RegionHealthMonitor,
    readonly clients: ClientDirectory,
    private readonly random: () => number,
    readonly timeScale: number,
  ) {
    health.onChange((c) => this.changes.push(c));
  }

  static async start(spec: GlobalModel | string, options: LocalGlobalOptions): Promise<LocalGlobal> {
    const model = typeof spec === 'string' ? loadGlobalModel(spec) : spec;
    const problems: Problem[] = model.regions
      .filter((r) => options.bindings[r.name] === undefined)
      .map((r) => ({
        code: 'LBKIT_LOCAL_OPTIONS',
        path: `bindings.${r.name}`,
        message: `region '${r.name}' has no bindings`,
        fix: `add bindings['${r.name}']: { <pool>: ['127.0.0.1:3001'] }`,
      }));
    for (const name of Object.keys(options.bindings)) {
      if (!model.regions.some((r) => r.name === name))
        problems.push({
          code: 'LBKIT_LOCAL_OPTIONS',
          path: `bindings.${name}`,
          message: `no region is named '${name}'`,
          fix: `use one of: ${model.regions.map((r) => r.name).join(', ')}`,
        });
    }
    if (problems.length) throw new LocalOptionsError(problems);
    const timeScale = options.timeScale ?? 1;
    const clients = new ClientDirectory(options.clients ?? defaultClients(model));
    const port = options.port ?? (await freePort(regionAddress(0)));
    const regions = new Map<string, LocalLoadBalancer>();
    try {
      for (const [i, r] of model.regions.entries()) {
        regions.set(
          r.name,
          await LocalLoadBalancer.start(r.loadBalancer, {
            bindings: options.bindings[r.name],
            host: regionAddress(i),
            listen: { [r.frontend]: `${regionAddress(i)}:${port}` },
            timeScale,
          }),
        );
      }
    } catch (e) {
      await Promise.all([...regions.values()].map((lb) => lb.stop({ graceMs: 0 })));
      throw e;
    }
    const targets = model.regions.map((r, i) => ({
      region: r,
      host: regionAddress(i),
      port,
      targetsHealthy: () => targetsHealthy(r, regions.get(r.name)!),
    }));
    const health = new RegionHealthMonitor(model, targets, timeScale);
    const random = options.random ?? Math.random;
    // The DNS server and the anycast front answer through the emulator, which exists once they listen.
    const ref: { current?: LocalGlobal } = {};
    const anycast =
      model.delivery === 'anycast'
        ? await AnycastProxy.start(ANYCAST_ADDRESS, port, (source) => {
            const { decision } = ref.current!.decide(source);
            const index = decision.region ? model.regions.indexOf(decision.region) : -1;
            return index < 0 ? {} : { host: regionAddress(index), port, region: decision.region!.name };
          })
        : undefined;
    const dns = await AuthoritativeDnsServer.start('127.0.0.1', options.dnsPort ?? 0, (q, source) => ref.current!.answer(q, source));
    const global = new LocalGlobal(model, regions, port, dns, anycast, health, clients, random, timeScale);
    ref.current = global;
    health.start();
    return global;
  }

  /** The steering decision for a client found by its source address or client subnet. */
  decide(source: string, subnet?: ClientSubnet): GlobalAnswer {
    const client = this.clients.find(source, subnet);
    const decision = steer(this.model, this.clients.steeringClient(client), (r) => this.health.healthy(r.name), this.random());
    return { ...(client ? { client: client.name } : {}), decision };
  }

  /** The TTL resolvers get: the spec's, scaled, in whole seconds (a positive TTL stays at least 1). */
  get ttlSeconds(): number {
    const t = this.model.ttlSeconds * this.timeScale;
    return t === 0 ? 0 : Math.max(1, Math.ceil(t));
  }

  private answer(q: DnsQuery, source: string): DnsAnswer {
    const ttlSeconds = this.ttlSeconds;
    const zone = this.model.zone;
    if (q.name !== zone && !q.name.endsWith(`.${zone}`)) return { rcode: RCODE.refused, addresses: [], ttlSeconds };
    if (!this.model.hostNames.includes(q.name)) return { rcode: RCODE.nxDomain, addresses: [], ttlSeconds };
    const scope = q.edns?.clientSubnet ? { ecsScopePrefix: q.edns.clientSubnet.sourcePrefix } : {};
    // Loopback regions have IPv4 addresses only: AAAA and other types get no data.
    if (q.type !== TYPE_A) return { rcode: RCODE.noError, addresses: [], ttlSeconds, ...scope };
    if (this.anycast) return { rcode: RCODE.noError, addresses: [this.anycast.host], ttlSeconds, ...scope };
    const { decision } = this.decide(source, q.edns?.clientSubnet);
    const index = decision.region ? this.model.regions.indexOf(decision.region) : -1;
    return { rcode: RCODE.noError, addresses: index < 0 ? [] : [regionAddress(index)], ttlSeconds, ...scope };
  }

  /** A client of the emulation that queries and connects from a simulated client's address (its /32). */
  client(name: string, options: { clientSubnet?: ClientSubnet; source?: string } = {}): GlobalClient {
    const simulated = this.clients.clients.find((c) => c.name === name);
    if (!simulated)
      throw new LocalOptionsError(`client ${name}`, `no simulated client is named '${name}'; clients: ${this.clients.clients.map((c) => c.name).join(', ')}`);
    const source = options.source ?? (simulated.cidr.endsWith('/32') ? simulated.cidr.slice(0, -3) : '127.0.0.1');
    return new GlobalClient({
      dns: { host: this.dns.host, port: this.dns.port },
      source,
      port: this.port,
      ...(options.clientSubnet ? { clientSubnet: options.clientSubnet } : {}),
    });
  }

  /** The regional load balancer of a region. */
  region(name: string): LocalLoadBalancer {
    const lb = this.regions.get(name);
    if (!lb) throw new LocalOptionsError(`region ${name}`, `no region is named '${name}'; regions: ${[...this.regions.keys()].join(', ')}`);
    return lb;
  }

  /** Which region answers at an address (127.0.1.N), for tests and logs. */
  regionAt(address: string): string | undefined {
    const index = this.model.regions.findIndex((_, i) => regionAddress(i) === address);
    return index < 0 ? undefined : this.model.regions[index].name;
  }

  /** Region health changes so far (the global layer's view). */
  get healthChanges(): readonly RegionHealthChange[] {
    return this.changes;
  }

  async stop(): Promise<void> {
    this.health.stop();
    await Promise.all([this.dns.close(), this.anycast?.close(), ...[...this.regions.values()].map((lb) => lb.stop({ graceMs: 0 }))]);
  }
}

/** Every pool the region's frontend forwards to has a healthy member (a frontend that forwards nowhere: true). */
function targetsHealthy(region: RegionModel, lb: LocalLoadBalancer): boolean {
  const frontend = region.loadBalancer.frontends.find((f) => f.name === region.frontend)!;
  return reachedPools(frontend).every((pool) => lb.members(pool).some((m) => m.healthy));
}
