/** The start options of LocalLoadBalancer, and their validation (errors name the option path). */
import { closest } from '../../lib/spec/errors';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { AccessLogSink } from './access-log';
import { parseHostPort } from './address';
import type { MemberOptions } from './balancer/member';
import { LocalOptionsError, type Problem } from '../../lib/errors';
import type { CertificatePem } from './tls/certificates';

/** One member of a pool, locally. */
export interface MemberBinding {
  /** 'host:port', '[v6]:port', or a bare port on 127.0.0.1. */
  readonly address: string;
  /**
   * Relative share for every algorithm but round-robin (which gives equal turns), 1-1000.
   * @default 1
   */
  readonly weight?: number;
  /**
   * Port the active health probe connects to.
   * @default the member's port when the health check uses the pool's port, else healthCheck.port
   */
  readonly healthCheckPort?: number;
}

export type Binding = string | MemberBinding;

export interface LocalStartOptions {
  /** Members of each pool, by pool name: `{ web: ['127.0.0.1:3001', { address: '127.0.0.1:3002', weight: 3 }] }`. Every pool a frontend uses needs an entry ([] for none: 503). */
  readonly bindings: Readonly<Record<string, readonly Binding[]>>;
  /**
   * Where each frontend listens: a port, or 'host:port'.
   * @default a free port on `host` for every frontend (spec ports such as 443 are not used locally)
   */
  readonly listen?: Readonly<Record<string, number | string>>;
  /**
   * Address frontends listen on when `listen` gives only a port.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * Certificates by the spec's logical name, PEM.
   * @default a self-signed certificate for the spec's domains, localhost and 127.0.0.1
   */
  readonly certificates?: Readonly<Record<string, CertificatePem>>;
  /**
   * CA bundles (PEM) by trust-store name, for frontends with clientCertificateTrust.
   * @default none (a frontend with mutual TLS then fails to start, naming the option)
   */
  readonly trustStores?: Readonly<Record<string, string | Buffer>>;
  /**
   * Admin server (/metrics, /status): a port (0: a free one) on 127.0.0.1, or 'host:port'. It listens on
   * loopback whatever `host` says: /metrics and /status are unauthenticated, so publishing them takes an
   * explicit address (`'0.0.0.0:9901'`).
   * @default no admin server (lb.metrics() and lb.status() still work)
   */
  readonly admin?: number | string | false;
  /**
   * Multiplies every spec duration (probe interval and timeout, ejection, draining, slow start, cookie
   * lifetimes, idle timeouts): 0.1 runs the same semantics ten times faster. Rate-limit windows keep their
   * length unless `scaleRateLimitWindows` says otherwise: a test that counts requests against a limit must not
   * see its window end under it.
   * @default 1
   */
  readonly timeScale?: number;
  /**
   * Let `timeScale` shrink rate-limit windows too (for a test of a window's end).
   * @default false
   */
  readonly scaleRateLimitWindows?: boolean;
  /**
   * Where access-log entries go: a writable stream (one JSON line each) or a function.
   * @default off
   */
  readonly accessLog?: AccessLogSink;
  /**
   * Time a client has to send a request's headers before 408 (slowloris). Not a spec duration: not scaled.
   * @default 10000
   */
  readonly headersTimeoutMs?: number;
  /**
   * Largest request head (request line plus headers) accepted; larger gets 431.
   * @default 16384
   */
  readonly maxHeaderBytes?: number;
  /**
   * Client connections each http, https, tcp or tls frontend keeps open at once; above it, a new connection
   * is closed as soon as it is accepted (Node's server.maxConnections). With the per-connection buffer
   * bounds (SEMANTICS.md, Bounds) it bounds the proxy's memory.
   * @default 10000
   */
  readonly maxConnections?: number;
  /**
   * Keys each rate limit holds a window for (client addresses or header values). When every held window is
   * still open, new keys share one overflow window (SEMANTICS.md, Bounds).
   * @default 100000
   */
  readonly maxRateLimitKeys?: number;
  /**
   * Idle pooled connections to members close after this (keep it below the members' keep-alive timeout; Node's default is 5000).
   * @default 4000
   */
  readonly memberKeepAliveMs?: number;
  /**
   * Plain TCP frontends in front of plain TCP pools pipe on Node's TCP handles without a net.Socket stream
   * per side (about half the CPU per connection); false keeps them on net.Socket. Same behaviour either way;
   * a Node without those handles in the expected shape always uses net.Socket.
   * @default true
   */
  readonly rawTcp?: boolean;
  /**
   * Random source of the `random` algorithm, returning [0, 1).
   * @default Math.random
   */
  readonly random?: () => number;
  /**
   * Run active health probes.
   * @default true
   */
  readonly healthChecks?: boolean;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

function positiveNumber(value: number | undefined, option: string, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new LocalOptionsError(option, `must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

export function resolveTunables(o: LocalStartOptions): {
  headersTimeoutMs: number;
  maxHeaderBytes: number;
  memberKeepAliveMs: number;
  maxConnections: number;
  maxRateLimitKeys: number;
  timeScale: number;
  rawTcp: boolean;
} {
  return {
    maxConnections: positiveNumber(o.maxConnections, 'maxConnections', 10_000),
    maxRateLimitKeys: positiveNumber(o.maxRateLimitKeys, 'maxRateLimitKeys', 100_000),
    headersTimeoutMs: positiveNumber(o.headersTimeoutMs, 'headersTimeoutMs', 10_000),
    maxHeaderBytes: positiveNumber(o.maxHeaderBytes, 'maxHeaderBytes', 16_384),
    memberKeepAliveMs: positiveNumber(o.memberKeepAliveMs, 'memberKeepAliveMs', 4_000),
    timeScale: positiveNumber(o.timeScale, 'timeScale', 1, false),
    rawTcp: o.rawTcp !== false,
  };
}

/** Members of every pool, validated; every problem at once, each naming `bindings.<pool>[i]`. */
export function resolveBindings(model: LoadBalancerModel, bindings: LocalStartOptions['bindings'] | undefined): Map<string, MemberOptions[]> {
  if (!bindings || typeof bindings !== 'object') throw new LocalOptionsError('bindings', "give the members of each pool, e.g. { web: ['127.0.0.1:3001'] }");
  const problems: Problem[] = [];
  const problem = (path: string, message: string) => problems.push({ code: 'LBKIT_LOCAL_OPTIONS', path, message });
  const pools = new Map(model.pools.map((p) => [p.name, p] as const));
  for (const name of Object.keys(bindings)) {
    if (!pools.has(name)) {
      const hint = closest(name, pools.keys());
      problem(
        `bindings.${name}`,
        `the spec has no pool '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; pools: ${[...pools.keys()].join(', ') || 'none'}`,
      );
    }
  }
  const out = new Map<string, MemberOptions[]>();
  for (const pool of model.pools) {
    const list = bindings[pool.name];
    if (list === undefined) {
      if (pool.usedBy.length > 0) {
        problem(
          `bindings.${pool.name}`,
          `pool '${pool.name}' (used by ${pool.usedBy.map((f) => `'${f}'`).join(', ')}) has no members; bind it, e.g. { ${pool.name}: ['127.0.0.1:3001'] }, or [] to answer 503`,
        );
      }
      out.set(pool.name, []);
      continue;
    }
    if (!Array.isArray(list)) {
      problem(`bindings.${pool.name}`, 'must be a list of addresses');
      continue;
    }
    const seen = new Set<string>();
    const members: MemberOptions[] = [];
    list.forEach((b: Binding, i: number) => {
      const at = `bindings.${pool.name}[${i}]`;
      const binding: MemberBinding = typeof b === 'string' ? { address: b } : b;
      const parsed = typeof binding?.address === 'string' ? parseHostPort(binding.address) : undefined;
      if (!parsed || parsed.port === 0) return void problem(at, `'${String(binding?.address)}' is not an address such as '127.0.0.1:3001'`);
      const key = `${parsed.host}:${parsed.port}`;
      if (seen.has(key)) return void problem(at, `${binding.address} is bound twice in pool '${pool.name}'`);
      seen.add(key);
      const weight = binding.weight ?? 1;
      if (!Number.isInteger(weight) || weight < 1 || weight > 1000) return void problem(`${at}.weight`, `must be an integer 1-1000, got ${String(weight)}`);
      const hc = pool.healthCheck;
      const probePort = binding.healthCheckPort ?? (hc.usesTrafficPort ? parsed.port : hc.port);
      if (!Number.isInteger(probePort) || probePort < 1 || probePort > 65535)
        return void problem(`${at}.healthCheckPort`, `must be a port, got ${String(probePort)}`);
      members.push({ host: parsed.host, port: parsed.port, weight, probePort });
    });
    out.set(pool.name, members);
  }
  if (problems.length) throw new LocalOptionsError(problems);
  return out;
}

/** Pools a frontend uses that `bindings` leaves without members, in spec order. */
export function unboundPools(model: LoadBalancerModel, bindings: LocalStartOptions['bindings'] | undefined): string[] {
  return model.pools.filter((p) => p.usedBy.length > 0 && bindings?.[p.name] === undefined).map((p) => p.name);
}

/** Where each frontend listens; errors name `listen.<frontend>`. */
export function resolveListen(model: LoadBalancerModel, listen: LocalStartOptions['listen'] = {}, host = '127.0.0.1'): Map<string, ListenAddress> {
  const names = model.frontends.map((f) => f.name);
  for (const name of Object.keys(listen)) {
    if (!names.includes(name)) {
      const hint = closest(name, names);
      throw new LocalOptionsError(
        `listen.${name}`,
        `the spec has no frontend '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; frontends: ${names.join(', ')}`,
      );
    }
  }
  return new Map(model.frontends.map((f) => [f.name, listenAddress(listen[f.name], `listen.${f.name}`, host)] as const));
}

/** The admin server's address: loopback unless the option names a host itself (never the frontends' `host`). */
export function resolveAdmin(admin: LocalStartOptions['admin']): ListenAddress | undefined {
  return admin === undefined || admin === false ? undefined : listenAddress(admin, 'admin', '127.0.0.1');
}

export function listenAddress(value: number | string | undefined, option: string, host: string): ListenAddress {
  if (value === undefined) return { host, port: 0 };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new LocalOptionsError(option, `must be a port 0-65535, got ${value}`);
    return { host, port: value };
  }
  const parsed = parseHostPort(value, host);
  if (!parsed) throw new LocalOptionsError(option, `'${value}' is not a port or 'host:port'`);
  return parsed;
}
