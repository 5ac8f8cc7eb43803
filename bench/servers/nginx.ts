/** nginx as the common backend (fixed bodies) and as a reverse proxy (keep-alive upstream). */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, start, waitForPort, type Managed } from '../tools/processes';

export const NGINX = '/usr/sbin/nginx';

export interface Running {
  readonly port: number;
  readonly pid: number;
  readonly managed: Managed;
  readonly dir: string;
}

function runNginx(name: string, http: string, port: number): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), `lbkit-bench-${name}-`));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 8192; multi_accept on; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${http}
}
`,
  );
  const managed = start(name, NGINX, ['-c', conf, '-p', dir, '-e', `${dir}/error.log`]);
  return waitForPort(port).then(() => ({ port, pid: managed.child.pid!, managed, dir }));
}

/** The backend: /1k and /1m fixed bodies, /healthz. */
export async function nginxBackend(name = 'backend', port?: number): Promise<Running> {
  const p = port ?? (await freePort());
  const root = mkdtempSync(join(tmpdir(), 'lbkit-bench-www-'));
  writeFileSync(join(root, '1k'), Buffer.alloc(1024, 97));
  writeFileSync(join(root, '1m'), Buffer.alloc(1024 * 1024, 98));
  writeFileSync(join(root, 'healthz'), 'ok');
  // nginx workers run unprivileged (www-data when started as root): the bodies must be world-readable.
  chmodSync(root, 0o755);
  for (const f of ['1k', '1m', 'healthz']) chmodSync(join(root, f), 0o644);
  return runNginx(
    name,
    `  server {
    listen 127.0.0.1:${p} reuseport backlog=4096;
    root ${root};
    default_type application/octet-stream;
    location / { }
  }`,
    p,
  );
}

/**
 * nginx reverse proxy with a keep-alive upstream, passive checks (max_fails) and retries on the next
 * member. With `accessLog`, each request's tried upstreams are logged with a timestamp (fault scenario).
 * `failTimeoutSeconds`: how long a failed member sits out (default 10). `http2`: clients speak HTTP/2 by prior
 * knowledge (h2c; nginx 1.22's `listen ... http2` without ssl), members still HTTP/1.1.
 */
export async function nginxProxy(
  members: readonly number[],
  options: { accessLog?: string; failTimeoutSeconds?: number; http2?: boolean } = {},
): Promise<Running> {
  const port = await freePort();
  const servers = members.map((m) => `    server 127.0.0.1:${m} max_fails=1 fail_timeout=${options.failTimeoutSeconds ?? 10}s;`).join('\n');
  // `access_log off` at the http level cancels only that level: the server's own access_log still logs.
  const format = options.accessLog ? `  log_format up '$msec $upstream_addr $status';` : '';
  const log = options.accessLog ? `access_log ${options.accessLog} up buffer=64k flush=1s;` : '';
  return runNginx(
    'nginx-proxy',
    `${format}
  upstream members {
${servers}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096${options.http2 ? ' http2' : ''};
    ${log}
    location / {
      proxy_pass http://members;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_connect_timeout 1s;
    }
  }`,
    port,
  );
}
