/** How the fault scenario learns when nginx and HAProxy stopped sending to a dead member. */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haproxy } from '../servers/haproxy';
import { nginxProxy } from '../servers/nginx';
import { sleep } from '../tools/processes';
import type { FaultProxy, FaultProxyOptions } from './faults';

/** nginx: passive checks (max_fails=1, fail_timeout=10s) and retries; its access log shows every tried upstream. */
export async function nginxFaultProxy(members: readonly number[], options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const accessLog = join(mkdtempSync(join(tmpdir(), 'lbkit-bench-nginx-log-')), 'access.log');
  const failTimeoutSeconds = options.ejectionSeconds ?? 10;
  const running = await nginxProxy(members, { accessLog, failTimeoutSeconds });
  return {
    name: 'nginx',
    port: running.port,
    pid: running.pid,
    stop: () => running.managed.stop(),
    checks: `passive: max_fails=1 fail_timeout=${failTimeoutSeconds}s; proxy_next_upstream error timeout`,
    async lastSentToMember(memberPort, killedAt) {
      await sleep(1500); // the log is flushed every second
      let last: number | undefined;
      for (const line of readFileSync(accessLog, 'utf8').split('\n')) {
        const [msec, ...upstreams] = line.split(' ');
        if (upstreams.join(' ').includes(`127.0.0.1:${memberPort}`)) last = Number(msec) * 1000;
      }
      return last === undefined ? undefined : Math.max(0, Math.round(last - killedAt));
    },
  };
}

function haproxyCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(socket);
    let out = '';
    c.on('data', (d) => {
      out += d.toString();
    });
    c.on('end', () => resolve(out));
    c.on('error', reject);
    c.end(`${command}\n`);
  });
}

/** HAProxy: active checks every second (fall 2), retries 3 with redispatch; polled on its stats socket. */
export async function haproxyFaultProxy(members: readonly number[]): Promise<FaultProxy> {
  const running = await haproxy(members, { mode: 'http', checks: true });
  let downAt: number | undefined;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const csv = await haproxyCommand(running.statsSocket, 'show stat').catch(() => '');
      for (const line of csv.split('\n')) {
        const f = line.split(',');
        if (f[0] === 'members' && f[1] === 'm1' && f[17]?.startsWith('DOWN') && downAt === undefined) downAt = Date.now();
      }
      await sleep(50);
    }
  })();
  return {
    name: 'haproxy',
    port: running.port,
    pid: running.pid,
    checks: 'active: httpchk GET /healthz every 1 s, fall 2 rise 2; retries 3, redispatch',
    stop: async () => {
      polling = false;
      await poll;
      await running.managed.stop();
    },
    async lastSentToMember(_memberPort, killedAt) {
      return downAt === undefined ? undefined : downAt - killedAt;
    },
  };
}
