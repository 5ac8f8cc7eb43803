/**
 * Listeners with host names, three ways on every (SNI, Host) pair of a generated grid: the Gateway API evaluator
 * (written from the spec) over the Gateway lbkit renders for k8s-gateway, the model's binding
 * (lib/model/listeners.ts), and the local proxy over real TLS sockets. All three must agree.
 *
 * AWS (aws-alb, a nearest cell): the ALB evaluator (evaluators/aws-alb.ts, written from AWS's documentation) over
 * the listener lbkit plans, rendered by the Pulumi component's rule functions. ALB routes by Host alone, so it must
 * give exactly the model's binding by Host, and differ from the local proxy exactly where the proxy answers 421
 * (Host and SNI name different frontends) or fails the handshake (a name no frontend serves, without catch-all:
 * ALB completes it with the default certificate).
 */
import { connect as connectTcp } from 'node:net';
import { connect } from 'node:tls';
import { buildModel } from '../../lib/model/build';
import { bindRequest, bindServerName, frontendsByPort } from '../../lib/model/listeners';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { planAws } from '../../providers/aws/plan';
import { action, condition } from '../../providers/aws/pulumi/render';
import { planKubernetes } from '../../providers/kubernetes/plan';
import { LocalLoadBalancer } from '../../providers/local';
import { evaluateListener, type ElbListener } from './evaluators/aws-alb';
import { listenerFromTerraform } from './evaluators/aws-sources';
import { gatewayListener } from './evaluators/k8s-listeners';

const https = (name: string, certificate: string, hostnames?: string[]) => ({
  name,
  protocol: 'https' as const,
  port: 443,
  ...(hostnames ? { hostnames } : {}),
  tls: { certificate },
  defaultAction: { fixedResponse: { statusCode: 200, body: name } },
});
const frontends = [
  https('exact', 'a', ['a.example.com']),
  https('wild', 'w', ['*.example.com']),
  https('deep', 'd', ['*.deep.example.com']),
  https('org', 'o', ['www.example.org']),
];
const spec = (catchAll: boolean, protocol: 'http' | 'https' = 'https'): LoadBalancerSpec => ({
  name: 'grid',
  strict: false,
  certificates: [
    { name: 'a', domains: ['a.example.com'] },
    { name: 'w', domains: ['*.example.com'] },
    { name: 'd', domains: ['*.deep.example.com'] },
    { name: 'o', domains: ['www.example.org'] },
    { name: 'r', domains: ['rest.test'] },
  ],
  frontends: (catchAll ? [...frontends, https('rest', 'r')] : frontends).map((f) =>
    protocol === 'https' ? f : { name: f.name, protocol, port: 80, ...(f.hostnames ? { hostnames: f.hostnames } : {}), defaultAction: f.defaultAction },
  ),
});

const NAMES = ['a.example.com', 'b.example.com', 'x.y.example.com', 'v.deep.example.com', 'deep.example.com', 'example.com', 'www.example.org', 'other.test'];
const SNIS: Array<string | undefined> = [undefined, ...NAMES];
const HOSTS = [...NAMES, 'A.EXAMPLE.COM:443'];

/** One plain-http request: the frontend that answered (its fixed body) or the status. */
function localHttp(port: number, host: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port }, () => socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    const done = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve(status === '200' ? text.slice(text.indexOf('\r\n\r\n') + 4) : String(status));
    };
    socket.once('end', done);
    socket.once('error', done);
  });
}

/** One request over TLS: the frontend that answered (its fixed body), a status, or 'handshake' when none was made. */
function local(port: number, sni: string | undefined, host: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: sni, rejectUnauthorized: false });
    let text = '';
    let secure = false;
    socket.once('secureConnect', () => {
      secure = true;
      socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    const done = () => {
      if (!secure) return resolve('handshake');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve(status === '200' ? text.slice(text.indexOf('\r\n\r\n') + 4) : String(status));
    };
    socket.once('end', done);
    socket.once('error', done);
  });
}

/** The one ALB listener lbkit plans for the port, as the Pulumi component writes it (pools by name). */
function albListener(model: ReturnType<typeof buildModel>): ElbListener {
  const [l] = planAws(model).loadBalancers[0].listeners;
  const byPool = (pool: string) => pool;
  return listenerFromTerraform(
    {
      port: l.port,
      protocol: l.protocol,
      defaultActions: [action(l.defaultAction, byPool)],
      rules: l.rules.map((r) => ({ priority: r.priority, conditions: r.conditions.map(condition), actions: [action(r.action, byPool)] })),
    },
    byPool,
  );
}

/** What the ALB evaluator answers for a Host: the frontend whose fixed body answered, or the status. */
function byAlb(listener: ElbListener, host: string): string {
  const outcome = evaluateListener(listener, { frontend: '', method: 'GET', host, path: '/', query: '', headers: [], sourceIp: '192.0.2.1' });
  return outcome.kind === 'fixed' && outcome.status === 200 ? outcome.body : outcome.kind === 'fixed' ? String(outcome.status) : outcome.kind;
}

/**
 * Hosts for the ALB: without an explicit default port ('A.EXAMPLE.COM:443'). lbkit's ALB host values assume
 * clients leave the default port out (providers/aws/plan/conditions.ts), as they do for rule host conditions.
 */
const ALB_HOSTS = HOSTS.filter((h) => !h.includes(':'));

describe.each([true, false])('a port of https frontends with host names (catch-all: %s)', (catchAll) => {
  const model = buildModel(spec(catchAll));
  const group = frontendsByPort(model.frontends)[0];
  const { plan } = planKubernetes(model, 'k8s-gateway');
  const gateway = plan.objects.find((o) => o.kind === 'Gateway')!;
  let lb: LocalLoadBalancer;
  beforeAll(async () => {
    lb = await LocalLoadBalancer.start(spec(catchAll), { healthChecks: false, bindings: {} });
  });
  afterAll(() => lb.stop({ graceMs: 0 }));

  test('aws-alb binds by Host alone: the model without SNI, and the local proxy except its 421s and failed handshakes', async () => {
    const listener = albListener(model);
    const port = lb.address('exact').port;
    const byHost = (host: string) => {
      const b = bindRequest(group, host);
      return b.kind === 'bound' ? b.frontend.name : '404';
    };
    const wrong: string[] = [];
    let departures = 0;
    for (const sni of SNIS) {
      const connection = bindServerName(group, sni);
      for (const host of ALB_HOSTS) {
        const alb = byAlb(listener, host);
        if (alb !== byHost(host)) wrong.push(`Host ${host}: alb ${alb}, model by Host ${byHost(host)}`);
        const observed = await local(port, sni, host);
        const expectedDeparture = !connection || bindRequest(group, host, connection).kind === 'misdirected';
        if (alb !== observed) {
          departures++;
          if (!expectedDeparture) wrong.push(`SNI ${sni ?? '-'} Host ${host}: alb ${alb}, local ${observed} (not a 421 or handshake)`);
        } else if (expectedDeparture) wrong.push(`SNI ${sni ?? '-'} Host ${host}: the local proxy answered ${observed}, as ALB does`);
      }
    }
    expect(wrong).toEqual([]);
    expect(departures).toBeGreaterThan(0);
  });

  test('model, Gateway API evaluator and local proxy agree on every (SNI, Host) pair', async () => {
    const rows: string[] = [];
    const disagreements: string[] = [];
    const port = lb.address('exact').port;
    for (const sni of SNIS) {
      const connection = bindServerName(group, sni);
      for (const host of HOSTS) {
        const b = bindRequest(group, host, connection);
        const byModel = !connection ? 'handshake' : b.kind === 'bound' ? b.frontend.name : b.kind === 'misdirected' ? '421' : '404';
        const g = gatewayListener(gateway, 443, host, sni);
        // The Gateway has no handshake step here: a connection no listener certificate serves is the model's call.
        const byGateway = !connection ? 'handshake' : 'listener' in g ? g.listener.replace(/\.\d+$/, '') : String(g.status);
        const byLocal = await local(port, sni, host);
        rows.push(`${sni ?? '-'} ${host} ${byModel}`);
        if (byModel !== byGateway || byModel !== byLocal)
          disagreements.push(`SNI ${sni ?? '-'} Host ${host}: model ${byModel}, gateway ${byGateway}, local ${byLocal}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(rows).toHaveLength(SNIS.length * HOSTS.length);
    const tally = (s: string) => rows.filter((r) => r.endsWith(` ${s}`)).length;
    // The grid exercises every outcome.
    expect([tally('421'), tally('exact'), tally('wild'), tally('deep')].every((n) => n > 0)).toBe(true);
    expect(catchAll ? tally('rest') > 0 : tally('404') > 0 && tally('handshake') > 0).toBe(true);
  });
});

describe.each([true, false])('a port of http frontends with host names (catch-all: %s)', (catchAll) => {
  const model = buildModel(spec(catchAll, 'http'));
  const group = frontendsByPort(model.frontends)[0];
  let lb: LocalLoadBalancer;
  beforeAll(async () => {
    lb = await LocalLoadBalancer.start(spec(catchAll, 'http'), { healthChecks: false, bindings: {} });
  });
  afterAll(() => lb.stop({ graceMs: 0 }));

  test('aws-alb, the model and the local proxy bind every Host alike (on http nothing else binds)', async () => {
    const listener = albListener(model);
    const port = lb.address('exact').port;
    const rows: Array<{ host: string; model: string; alb: string; local: string }> = [];
    for (const host of ALB_HOSTS) {
      const b = bindRequest(group, host);
      rows.push({ host, model: b.kind === 'bound' ? b.frontend.name : '404', alb: byAlb(listener, host), local: await localHttp(port, host) });
    }
    expect(rows.filter((r) => r.model !== r.alb || r.model !== r.local)).toEqual([]);
    expect(new Set(rows.map((r) => r.model)).size).toBeGreaterThanOrEqual(4);
  });
});
