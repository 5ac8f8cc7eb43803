/** HAProxy in http mode (L7) or tcp mode (L4), one thread, as lbkit is one event loop. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, start, waitForPort } from '../tools/processes';
import type { Running } from './nginx';

export interface HaproxyOptions {
  readonly mode: 'http' | 'tcp';
  /** Active checks and retries, equivalent to lbkit's for the fault scenario. */
  readonly checks?: boolean;
  /** http mode: clients speak HTTP/2 by prior knowledge (`bind ... proto h2`), members HTTP/1.1. */
  readonly h2?: boolean;
}

export async function haproxy(members: readonly number[], options: HaproxyOptions): Promise<Running & { statsSocket: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-bench-haproxy-'));
  const statsSocket = join(dir, 'stats.sock');
  const check = options.checks ? ' check inter 1s fall 2 rise 2' : '';
  const conf = join(dir, 'haproxy.cfg');
  writeFileSync(
    conf,
    `global
  nbthread 1
  maxconn 8000
  stats socket ${statsSocket} mode 600 level admin
defaults
  mode ${options.mode}
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  ${options.mode === 'http' ? 'option http-keep-alive' : ''}
  retries 3
  option redispatch
frontend fe
  bind 127.0.0.1:${port}${options.h2 ? ' proto h2' : ''}
  default_backend members
backend members
  balance roundrobin
  ${options.checks && options.mode === 'http' ? 'option httpchk GET /healthz' : ''}
  ${options.mode === 'http' ? 'http-reuse always' : ''}
${members.map((m, i) => `  server m${i} 127.0.0.1:${m}${check}`).join('\n')}
`,
  );
  const managed = start('haproxy', '/usr/sbin/haproxy', ['-f', conf, '-db']);
  await waitForPort(port);
  return { port, pid: managed.child.pid!, managed, dir, statsSocket };
}
