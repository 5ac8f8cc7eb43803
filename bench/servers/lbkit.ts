/** lbkit's local proxy under benchmark: a child process running the compiled package. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { stopProcess } from '../tools/processes';

const CHILD = join(__dirname, 'lbkit-child.js');

export interface LbkitProcess {
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  request<T>(message: Record<string, unknown>, reply: string): Promise<T>;
  stop(): Promise<void>;
}

let nextId = 0;

/** Starts lbkit serving `spec`'s `frontend` (on a free port) with the given bindings. */
export function startLbkit(spec: LoadBalancerSpec, frontend: string, bindings: Record<string, unknown[]>, execArgv: string[] = []): Promise<LbkitProcess> {
  const child = fork(CHILD, ['serve', JSON.stringify({ spec, frontend, bindings })], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lbkit exited (${code}) before listening`)));
    child.on('message', function onReady(message: { type: string; port?: number; message?: string }) {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== 'ready') return;
      child.off('message', onReady);
      resolve({
        port: message.port!,
        pid: child.pid!,
        child,
        request<T>(m: Record<string, unknown>, reply: string): Promise<T> {
          const id = ++nextId;
          return new Promise((res) => {
            const on = (answer: { type: string; id: number }) => {
              if (answer.type === reply && answer.id === id) {
                child.off('message', on);
                res(answer as T);
              }
            };
            child.on('message', on);
            child.send({ ...m, id });
          });
        },
        async stop() {
          // Ask first, so that the process exits by itself (and writes its --cpu-prof profile).
          if (child.connected) child.send({ type: 'stop' });
          const exited = await new Promise<boolean>((res) => {
            if (child.exitCode !== null) return res(true);
            const timer = setTimeout(() => res(false), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              res(true);
            });
          });
          if (!exited) await stopProcess(child);
        },
      });
    });
  });
}

/** Startup timing runs inside a fresh process. */
export function lbkitStartup(specFile: string, bindings: Record<string, unknown[]>, runs: number): Promise<{ starts: number[]; stops: number[] }> {
  const child = fork(CHILD, ['startup', JSON.stringify({ specFile, bindings, runs })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string; starts?: number[]; stops?: number[]; message?: string }) => {
      if (m.type === 'startup') resolve({ starts: m.starts!, stops: m.stops! });
      if (m.type === 'error') reject(new Error(m.message));
    });
    child.once('exit', (code) => {
      if (code) reject(new Error(`startup child exited ${code}`));
    });
  });
}

/**
 * One http (or tcp) frontend forwarding to one pool. Health checks probe every 2 s (timeout 1 s, 2 failures
 * to go down), like the HAProxy configuration of the fault scenario (inter 1s fall 2).
 */
export function benchSpec(
  options: {
    protocol?: 'http' | 'tcp';
    algorithm?: 'round-robin' | 'ip-hash';
    passive?: boolean;
    /** How long passive checks eject a member. @default 30 */
    ejectionSeconds?: number;
    /** HTTP/2 to clients (h2c by prior knowledge on the http frontend); members stay HTTP/1.1. @default false */
    http2?: boolean;
  } = {},
): LoadBalancerSpec {
  const protocol = options.protocol ?? 'http';
  return {
    name: 'bench',
    frontends: [{ name: 'web', protocol, port: 80, defaultAction: { forward: { pool: 'members' } }, ...(options.http2 ? { http2: true } : {}) }],
    pools: [
      {
        name: 'members',
        protocol,
        port: 80,
        algorithm: options.algorithm ?? 'round-robin',
        drainingSeconds: 0,
        healthCheck:
          protocol === 'http'
            ? { protocol: 'http', path: '/healthz', intervalSeconds: 2, timeoutSeconds: 1, healthyThreshold: 2, unhealthyThreshold: 2 }
            : { protocol: 'tcp', intervalSeconds: 2, timeoutSeconds: 1, healthyThreshold: 2, unhealthyThreshold: 2 },
        ...(options.passive ? { passiveHealthCheck: { consecutiveFailures: 1, ejectionSeconds: options.ejectionSeconds ?? 30, maxEjectedPercent: 50 } } : {}),
      },
    ],
  };
}
