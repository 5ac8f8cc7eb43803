/**
 * LocalLoadBalancer: a spec run as a real proxy on loopback, with the semantics every cloud backend is held
 * against. See README.md ("Test your load balancer offline") for usage and SEMANTICS.md for exact definitions.
 */
import { EventEmitter } from 'node:events';
import type { Server } from 'node:net';
import type { FrontendModel, LoadBalancerModel } from '../../lib/model/types';
import { frontendsByPort, needsBinding } from '../../lib/model/listeners';
import { ListenerBinding } from './http/listener-binding';
import { sharedPortTlsOptions } from './tls/listener-sni';
import { AccessLog } from './access-log';
import { formatHostPort } from './address';
import { ProxyMetrics } from './admin/metrics';
import { AlarmEvaluator } from './admin/alarms';
import { startAdminServer } from './admin/server';
import { frontendStatus, memberStatus, poolStatus, type LocalStatus, type MemberStatus } from './admin/status';
import { PoolRuntime } from './balancer/pool';
import { LocalLookupError } from '../../lib/errors';
import type { LocalEvent } from './events';
import { ActiveHealthChecks } from './health/active';
import { HttpFrontend } from './http/frontend';
import { RateLimit } from './http/rate-limit';
import { TcpFrontend } from './l4/tcp';
import { UdpFrontend } from './l4/udp';
import type { LocalStartOptions } from './options';
import { checkedStart, type SpecSource } from './start-checks';

export { toModel, type SpecSource } from './start-checks';
import { ProxyRuntime } from './runtime';
import { TimeScale } from './time';
import { resolveCertificates, tlsServerOptions, type CertificatePem } from './tls/certificates';

type Frontend = HttpFrontend | TcpFrontend | UdpFrontend;

/** The frontends of every port that needs binding by SNI and Host, each with its port's ListenerBinding. */
function sharedListeners(
  model: LoadBalancerModel,
  runtime: ProxyRuntime,
  certificates: ReadonlyMap<string, CertificatePem>,
  trustStores: Readonly<Record<string, string | Buffer>>,
  handshakeTimeoutMs: number,
): Map<FrontendModel, HttpFrontend> {
  const out = new Map<FrontendModel, HttpFrontend>();
  for (const group of frontendsByPort(model.frontends)) {
    if (group[0].layer !== 'l7' || !needsBinding(group)) continue;
    const tls = group[0].tls ? sharedPortTlsOptions(group, certificates, model.certificates, trustStores, handshakeTimeoutMs) : undefined;
    const binding = new ListenerBinding(runtime, group, tls);
    binding.frontends.forEach((frontend, i) => out.set(group[i], frontend));
  }
  return out;
}

export interface DrainResult {
  readonly pool: string;
  readonly member: string;
  /** Connections still open when drainingSeconds ran out, closed then (0: everything finished in time). */
  readonly cut: number;
}

export class LocalLoadBalancer extends EventEmitter<{ event: [LocalEvent] }> {
  private readonly frontends = new Map<string, Frontend>();
  private readonly health: ActiveHealthChecks[] = [];
  private admin: Server | undefined;
  /** The spec's alarms, evaluated over the proxy's own metrics (admin/alarms.ts); set at start. */
  alarms: AlarmEvaluator | undefined;
  private stopped: Promise<void> | undefined;
  private drainDeadline = Infinity;
  /** What the spec asks that this run does not do, and why (`lbkit emulate` prints them). */
  readonly warnings: string[] = [];

  private constructor(
    readonly model: LoadBalancerModel,
    private readonly runtime: ProxyRuntime,
    private readonly certificates: ReadonlyMap<string, CertificatePem>,
  ) {
    super();
  }

  /** Validates the spec and options, listens on every frontend, starts health checks. */
  static async start(spec: SpecSource, options: LocalStartOptions): Promise<LocalLoadBalancer> {
    // The local proxy runs the spec as its own override (targets.local) makes it, if the spec has one; every
    // problem of the spec, its capability and the options comes in one error (start-checks.ts).
    const { model, tunables, bindings, listen, admin } = checkedStart(spec, options);
    const time = new TimeScale(tunables.timeScale);
    const certificates = await resolveCertificates(model.frontends, model.certificates, options.certificates);

    let lb!: LocalLoadBalancer;
    const emit = (event: LocalEvent) => lb.emit('event', event);
    const random = options.random ?? Math.random;
    const pools = new Map(model.pools.map((p) => [p.name, new PoolRuntime(p, bindings.get(p.name) ?? [], time, random, emit)] as const));
    // Rate-limit windows run at real length unless asked (see LocalStartOptions.scaleRateLimitWindows).
    const windowTime = options.scaleRateLimitWindows ? time : new TimeScale(1);
    const rateLimits = model.rateLimits.map((r, i) => new RateLimit(r, i, windowTime, tunables.maxRateLimitKeys));
    const metrics = new ProxyMetrics(
      () => pools.values(),
      () => rateLimits,
    );
    const runtime = new ProxyRuntime(model, pools, rateLimits, metrics, time, tunables, emit, options.accessLog ? new AccessLog(options.accessLog) : undefined);
    lb = new LocalLoadBalancer(model, runtime, certificates);
    if (model.accessLogs && !options.accessLog) {
      lb.warnings.push('accessLogs: the spec turns access logs on, but no accessLog sink was given, so none are written');
    }
    try {
      // Frontends that share a port, or serve only some host names, listen through one ListenerBinding.
      const shared = sharedListeners(model, runtime, certificates, options.trustStores ?? {}, tunables.headersTimeoutMs);
      const servers = new Set<Server>();
      for (const f of model.frontends) {
        const ownTls = () => (f.tls ? tlsServerOptions(f, certificates, model.certificates, options.trustStores ?? {}, tunables.headersTimeoutMs) : undefined);
        const tls = shared.has(f) ? undefined : ownTls();
        const frontend =
          shared.get(f) ??
          (f.layer === 'l7'
            ? new HttpFrontend(runtime, f, tls)
            : f.protocol === 'udp'
              ? new UdpFrontend(runtime, f, listen.get(f.name)!.host)
              : new TcpFrontend(runtime, f, tls));
        lb.frontends.set(f.name, frontend);
        // Bounded like every per-process table (SEMANTICS.md, Bounds): above it, new connections are closed.
        if (!(frontend instanceof UdpFrontend) && !servers.has(frontend.server)) {
          servers.add(frontend.server);
          frontend.server.maxConnections = tunables.maxConnections;
          frontend.server.on('drop', () => frontend.stats.droppedConnections++);
        }
        // A shared port listens where its first frontend's listen option says.
        const at = listen.get(shared.get(f) ? frontendsByPort(model.frontends).find((g) => g.includes(f))![0].name : f.name)!;
        await frontend.listen(at.host, at.port);
        runtime.setLocalPort(f.port, frontend.localPort);
      }
      lb.alarms = new AlarmEvaluator(model.alarms, () => metrics.allFrontends(), pools, time, emit);
      for (const f of lb.frontends.values()) lb.alarms.watch(f.stats);
      const evaluator = lb.alarms;
      metrics.addAlarms(() => evaluator.status());
      if (admin) {
        lb.admin = await startAdminServer(
          {
            metricsText: () => metrics.text(),
            metricsContentType: metrics.contentType,
            status: () => lb.status(),
            onEvent: (listener) => {
              lb.on('event', listener);
              return () => lb.off('event', listener);
            },
          },
          admin.host,
          admin.port,
        );
      }
    } catch (e) {
      await lb.stop({ graceMs: 0 });
      throw e;
    }
    if (options.healthChecks !== false) {
      for (const pool of pools.values()) {
        if (pool.members.length === 0) continue;
        const checks = new ActiveHealthChecks(pool, time);
        lb.health.push(checks);
        checks.start();
      }
    }
    return lb;
  }

  private frontend(name: string): Frontend {
    const f = this.frontends.get(name);
    if (!f) throw new LocalLookupError(`no frontend '${name}'; frontends: ${[...this.frontends.keys()].join(', ')}`);
    return f;
  }

  private pool(name: string): PoolRuntime {
    const p = this.runtime.pools.get(name);
    if (!p) throw new LocalLookupError(`no pool '${name}'; pools: ${[...this.runtime.pools.keys()].join(', ')}`);
    return p;
  }

  /** Where a frontend listens locally. */
  address(frontend: string): { host: string; port: number } {
    const f = this.frontend(frontend);
    const a = (f instanceof UdpFrontend ? f.socket.address() : f.server.address()) as { address: string; port: number };
    return { host: a.address, port: a.port };
  }

  /** Base URL of an http or https frontend, such as 'https://127.0.0.1:40123'. */
  url(frontend: string): string {
    const f = this.frontend(frontend);
    if (!(f instanceof HttpFrontend)) throw new LocalLookupError(`frontend '${frontend}' is ${f.model.protocol}: use address('${frontend}')`);
    const a = this.address(frontend);
    return `${f.scheme}://${formatHostPort(a.host, a.port)}`;
  }

  /** Base URL of the admin server (when the admin option was given). */
  get adminUrl(): string | undefined {
    const a = this.admin?.address() as { address: string; port: number } | undefined;
    return a ? `http://${formatHostPort(a.address, a.port)}` : undefined;
  }

  /** The certificate a TLS frontend presents (given or generated), e.g. to trust it in a test client. */
  certificate(name: string): CertificatePem {
    const c = this.certificates.get(name);
    if (!c) throw new LocalLookupError(`no certificate '${name}' is used by a TLS frontend`);
    return c;
  }

  /** Members of a pool with their state: health, draining, ejection, in-flight, counters. */
  members(pool: string): MemberStatus[] {
    const p = this.pool(pool);
    const now = Date.now();
    return p.members.map((m) => memberStatus(p, m, now));
  }

  private member(pool: string, address: string) {
    const p = this.pool(pool);
    const m = p.memberByAddress(address);
    if (!m) throw new LocalLookupError(`pool '${pool}' has no member '${address}'; members: ${p.members.map((x) => x.address).join(', ')}`);
    return { p, m };
  }

  /** Drains a member: no new work; in-flight work finishes; what is left after drainingSeconds is closed. */
  async drain(pool: string, member: string): Promise<DrainResult> {
    const { p, m } = this.member(pool, member);
    const cut = await p.drain(m);
    return { pool, member: m.address, cut };
  }

  /** Takes a drained member back (it ramps up when the pool has slow start). */
  undrain(pool: string, member: string): void {
    const { p, m } = this.member(pool, member);
    p.undrain(m);
  }

  /** Prometheus text of every metric. */
  metrics(): Promise<string> {
    return this.runtime.metrics.text();
  }

  /** Frontends, pools and members, as /status serves them. */
  status(): LocalStatus {
    return {
      name: this.model.name,
      frontends: [...this.frontends.values()].map((f) => {
        const a = this.address(f.model.name);
        return frontendStatus(f.stats, f.model.protocol, formatHostPort(a.host, a.port));
      }),
      pools: [...this.runtime.pools.values()].map(poolStatus),
      alarms: this.alarms?.status() ?? [],
    };
  }

  /**
   * Stops gracefully: stops accepting, lets work in flight finish for at most `graceMs` (default: the
   * longest drainingSeconds of the pools, scaled), then closes everything. Safe to call more than once; a
   * later call with a shorter `graceMs` (0: now) cuts the wait short.
   */
  stop(options: { graceMs?: number } = {}): Promise<void> {
    if (this.stopped) {
      if (options.graceMs !== undefined) this.drainDeadline = Math.min(this.drainDeadline, Date.now() + options.graceMs);
      return this.stopped;
    }
    return (this.stopped = this.shutdown(options.graceMs));
  }

  private async shutdown(graceMs: number | undefined): Promise<void> {
    const runtime = this.runtime;
    runtime.stopping = true;
    for (const h of this.health) h.stop();
    this.alarms?.stop();
    const closing: Promise<void>[] = [];
    const close = (server: { close(cb: () => void): unknown }) => closing.push(new Promise((resolve) => server.close(() => resolve())));
    for (const f of this.frontends.values()) {
      if (f instanceof UdpFrontend) continue;
      if (f.server.listening) close(f.server);
      if (f instanceof HttpFrontend) f.closeIdleConnections();
    }
    const pools = [...runtime.pools.values()];
    const grace = graceMs ?? Math.max(0, ...pools.map((p) => p.drainingMs));
    this.drainDeadline = Date.now() + grace;
    const busy = () => pools.some((p) => p.members.some((m) => m.inFlight > 0));
    while (busy() && Date.now() < this.drainDeadline) await new Promise((r) => setTimeout(r, 10));
    for (const f of this.frontends.values()) {
      if (f instanceof HttpFrontend) f.closeAllConnections();
      else if (f instanceof TcpFrontend) f.closeAll();
      else f.close();
    }
    for (const p of pools) p.close();
    for (const r of runtime.rateLimits) r.close();
    if (this.admin?.listening) {
      close(this.admin);
      (this.admin as import('node:http').Server).closeAllConnections();
    }
    await Promise.all(closing);
  }
}
