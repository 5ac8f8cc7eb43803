/** Scenarios that only lbkit has: start-up time, ip-hash remapping, memory under a soak, the CPU profile. */
import { readdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxBackend } from '../servers/nginx';
import { benchSpec, lbkitStartup, startLbkit } from '../servers/lbkit';
import { rssMiB, sleep } from '../tools/processes';
import { wrk } from '../tools/wrk';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function startup(runs: number): Promise<{ startMs: number; stopMs: number; runs: number }> {
  const backend = await nginxBackend();
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-bench-spec-'));
  const specFile = join(dir, 'bench.json');
  writeFileSync(specFile, JSON.stringify(benchSpec()));
  try {
    const { starts, stops } = await lbkitStartup(specFile, { members: [`127.0.0.1:${backend.port}`] }, runs);
    // The first run loads modules; the median is what a test suite that starts many proxies sees.
    return { startMs: median(starts.slice(1)), stopMs: median(stops.slice(1)), runs: runs - 1 };
  } finally {
    await backend.managed.stop();
  }
}

function echoServer(id: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return res.end('ok');
    res.end(id);
  });
  server.keepAliveTimeout = 1;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function getFrom(port: number, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', localAddress, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `clients` distinct loopback source addresses over `members` members; one member is drained. */
export async function ipHash(members: number, clients: number): Promise<{ members: number; clients: number; remapped: number; movedWithoutCause: number }> {
  const servers = await Promise.all(Array.from({ length: members }, (_, i) => echoServer(`m${i}`)));
  const lb = await startLbkit(benchSpec({ algorithm: 'ip-hash' }), 'web', { members: servers.map((s) => `127.0.0.1:${s.port}`) });
  try {
    const address = (i: number) => `127.1.${(i >> 8) & 255}.${i & 255 || 1}`;
    const ask = async () => {
      const out: string[] = [];
      for (let i = 0; i < clients; i += 50) {
        out.push(...(await Promise.all(Array.from({ length: Math.min(50, clients - i) }, (_, k) => getFrom(lb.port, address(i + k))))));
      }
      return out;
    };
    const before = await ask();
    await lb.request({ type: 'drain', pool: 'members', member: `127.0.0.1:${servers[1].port}` }, 'drained');
    await sleep(100);
    const after = await ask();
    let remapped = 0;
    let movedWithoutCause = 0;
    before.forEach((m, i) => {
      if (after[i] !== m) {
        remapped++;
        if (m !== 'm1') movedWithoutCause++;
      }
    });
    return { members, clients, remapped, movedWithoutCause };
  } finally {
    await lb.stop();
    for (const s of servers) s.server.close();
  }
}

/** Paced load on lbkit for `seconds`, sampling its resident memory every `everySeconds`. */
export async function soak(
  seconds: number,
  everySeconds: number,
  rate: number,
): Promise<{ seconds: number; samples: Array<{ t: number; rssMiB: number }>; requests: number; errors: number }> {
  const backend = await nginxBackend();
  const lb = await startLbkit(benchSpec(), 'web', { members: [`127.0.0.1:${backend.port}`] });
  try {
    const samples: Array<{ t: number; rssMiB: number }> = [];
    const t0 = Date.now();
    const load = wrk({ url: `http://127.0.0.1:${lb.port}/1k`, connections: 16, seconds, rate });
    let done = false;
    void load.finally(() => {
      done = true;
    });
    while (!done) {
      samples.push({ t: (Date.now() - t0) / 1000, rssMiB: await rssMiB(lb.pid) });
      for (let waited = 0; waited < everySeconds * 1000 && !done; waited += 250) await sleep(250);
    }
    const result = await load;
    samples.push({ t: (Date.now() - t0) / 1000, rssMiB: await rssMiB(lb.pid) });
    return { seconds, samples, requests: result.requests, errors: result.errors };
  } finally {
    await lb.stop();
    await backend.managed.stop();
  }
}

/** The top self-time functions of lbkit under the 1 KiB load, from `node --cpu-prof`. */
export async function profile(seconds: number, top = 12): Promise<string[]> {
  const backend = await nginxBackend();
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-bench-prof-'));
  const lb = await startLbkit(benchSpec(), 'web', { members: [`127.0.0.1:${backend.port}`] }, ['--cpu-prof', '--cpu-prof-dir', dir]);
  try {
    await wrk({ url: `http://127.0.0.1:${lb.port}/1k`, connections: 64, seconds });
  } finally {
    await lb.stop();
    await backend.managed.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return ['(no profile written)'];
  return summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), top);
}

interface CpuProfile {
  nodes: Array<{ id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
}

export function summarizeProfile(profileData: CpuProfile, top: number): string[] {
  const total = profileData.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0) || 1;
  const byFunction = new Map<string, number>();
  for (const n of profileData.nodes) {
    const f = n.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/').replace(/^node:/, 'node:')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1)} % ${k}`);
}
