/** The proxies under comparison, each started in front of given member ports. */
import { haproxy } from '../servers/haproxy';
import { nodeHttpProxy } from '../servers/http-proxy';
import { benchSpec, startLbkit } from '../servers/lbkit';
import { nginxProxy } from '../servers/nginx';
import { sleep } from '../tools/processes';
import type { FaultProxy, FaultProxyOptions } from './faults';
import type { ProxyFactory } from './types';

const members = (ports: readonly number[]) => ({ members: ports.map((p) => `127.0.0.1:${p}`) });

export const lbkitHttp: ProxyFactory = async (ports) => {
  const lb = await startLbkit(benchSpec(), 'web', members(ports));
  return { name: 'lbkit', port: lb.port, pid: lb.pid, stop: () => lb.stop() };
};
export const lbkitTcp: ProxyFactory = async (ports) => {
  const lb = await startLbkit(benchSpec({ protocol: 'tcp' }), 'web', members(ports));
  return { name: 'lbkit', port: lb.port, pid: lb.pid, stop: () => lb.stop() };
};
/** HTTP/2 to clients (h2c, prior knowledge), HTTP/1.1 to the member: lbkit, nginx and HAProxy alike. */
export const lbkitH2c: ProxyFactory = async (ports) => {
  const lb = await startLbkit(benchSpec({ http2: true }), 'web', members(ports));
  return { name: 'lbkit', port: lb.port, pid: lb.pid, stop: () => lb.stop() };
};
export const nginxH2c: ProxyFactory = async (ports) => {
  const r = await nginxProxy(ports, { http2: true });
  return { name: 'nginx', port: r.port, pid: r.pid, stop: () => r.managed.stop() };
};
export const haproxyH2c: ProxyFactory = async (ports) => {
  const r = await haproxy(ports, { mode: 'http', h2: true });
  return { name: 'haproxy', port: r.port, pid: r.pid, stop: () => r.managed.stop() };
};
export const nginxHttp: ProxyFactory = async (ports) => {
  const r = await nginxProxy(ports);
  return { name: 'nginx', port: r.port, pid: r.pid, stop: () => r.managed.stop() };
};
export const haproxyHttp: ProxyFactory = async (ports) => {
  const r = await haproxy(ports, { mode: 'http' });
  return { name: 'haproxy', port: r.port, pid: r.pid, stop: () => r.managed.stop() };
};
export const haproxyTcp: ProxyFactory = async (ports) => {
  const r = await haproxy(ports, { mode: 'tcp' });
  return { name: 'haproxy', port: r.port, pid: r.pid, stop: () => r.managed.stop() };
};
export const httpProxy: ProxyFactory = async (ports) => {
  const r = await nodeHttpProxy(ports[0]);
  return { name: 'http-proxy', port: r.port, pid: r.pid, stop: () => r.managed.stop() };
};

/** lbkit with its own checks: active probes (2 s, 2 failures), passive ejection on the first failure, retry on refusal. */
export async function lbkitFaultProxy(ports: readonly number[], options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const ejectionSeconds = options.ejectionSeconds ?? 30;
  const lb = await startLbkit(benchSpec({ passive: true, ejectionSeconds }), 'web', members(ports));
  const sent = new Map<string, { count: number; at: number }>();
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const { members: list } = await lb.request<{ members: Array<{ address: string; requests: number }> }>({ type: 'status', pool: 'members' }, 'status');
      const now = Date.now();
      for (const m of list) {
        const last = sent.get(m.address);
        if (!last || m.requests > last.count) sent.set(m.address, { count: m.requests, at: now });
      }
      await sleep(50);
    }
  })();
  return {
    name: 'lbkit',
    port: lb.port,
    pid: lb.pid,
    checks: `active: http /healthz every 2 s, unhealthy after 2; passive: eject after 1 failure for ${ejectionSeconds} s; retry on another member when refused`,
    stop: async () => {
      polling = false;
      await poll;
      await lb.stop();
    },
    async lastSentToMember(memberPort, killedAt) {
      const last = sent.get(`127.0.0.1:${memberPort}`);
      return last === undefined ? undefined : Math.max(0, last.at - killedAt);
    },
  };
}
