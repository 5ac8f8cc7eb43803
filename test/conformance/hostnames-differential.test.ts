/**
 * Listeners with host names, four ways on every (SNI, Host) pair of a generated grid: the Gateway API evaluator
 * (written from the spec) over the Gateway lbkit renders for k8s-gateway, the model's binding
 * (lib/model/listeners.ts), and the local proxy over real TLS sockets, which must all agree; and the GCP URL map
 * and target HTTPS proxy lbkit renders for gcp-alb-global (evaluators/gcp-url-map.ts, gcp-certificates.ts),
 * which must agree wherever its cell (frontend.hostnames, nearest) does not name the difference.
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
import { bindHost, bindRequest, bindServerName, frontendsByPort } from '../../lib/model/listeners';
import { hostMatches, normalizeHost } from '../../lib/model/match';
import { planAzure } from '../../providers/azure/plan';
import { gatewayOfPlan } from './evaluators/plans';
import { evaluateGateway } from './evaluators/azure-appgw';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { planGcp } from '../../providers/gcp/plan';
import { planAws } from '../../providers/aws/plan';
import { action, condition } from '../../providers/aws/pulumi/render';
import { planKubernetes } from '../../providers/kubernetes/plan';
import { LocalLoadBalancer } from '../../providers/local';
import { evaluateListener, type ElbListener } from './evaluators/aws-alb';
import { listenerFromTerraform } from './evaluators/aws-sources';
import { gatewayListener } from './evaluators/k8s-listeners';
import { certificateCovers, gcpCertificates } from './evaluators/gcp-certificates';
import { mockPulumi } from '../support/pulumi';
import { conformanceState, renderedRoutings } from './support/compile';
import type { Outcome } from './evaluators/request';

const recorder = mockPulumi(conformanceState);
beforeAll(() => {
  // The GCP component logs the accepted nearest mapping (frontend.hostnames) as a Pulumi warning.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

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

/** The same port for GCP, which has no fixed responses: each frontend forwards to a pool of its own name. */
const gcpSpec = (catchAll: boolean): LoadBalancerSpec => {
  const base = spec(catchAll);
  return {
    ...base,
    frontends: base.frontends.map((f) => ({ ...f, defaultAction: { forward: { pool: f.name } } })),
    pools: base.frontends.map((f) => ({ name: f.name, protocol: 'http' as const, port: 8080 })),
  };
};

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
  let gcp: (host: string) => Outcome;
  beforeAll(async () => {
    lb = await LocalLoadBalancer.start(spec(catchAll), { healthChecks: false, bindings: {} });
    // The URL map the GCP component registers (Pulumi mocks); every frontend of the port shares it.
    const [routing] = await renderedRoutings('gcp-alb-global', gcpSpec(catchAll), recorder);
    gcp = (host) => routing.evaluate({ frontend: 'exact', method: 'GET', host, path: '/', query: '', headers: [], sourceIp: '203.0.113.9' });
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

  test('GCP routes by Host alone: the local proxy agrees except on its 421s and failed handshakes', async () => {
    const port = lb.address('exact').port;
    const disagreements: string[] = [];
    let named = 0;
    for (const sni of SNIS) {
      for (const host of HOSTS) {
        const route = gcp(host);
        const byGcp = route.kind === 'forward' && route.pools.length === 1 ? route.pools[0] : route.kind === 'no-route' ? '404' : JSON.stringify(route);
        const byLocal = await local(port, sni, host);
        // The cell's mapping: no 421 (the Host's frontend answers), and a handshake no certificate serves completes.
        const expected = byLocal === '421' || byLocal === 'handshake' ? (bindHost(group, host)?.name ?? '404') : byLocal;
        if (byLocal === '421' || byLocal === 'handshake') named++;
        if (byGcp !== expected) disagreements.push(`SNI ${sni ?? '-'} Host ${host}: local ${byLocal}, gcp ${byGcp} (expected ${expected})`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(named).toBeGreaterThan(0);
  });

  test("GCP's certificate is the bound frontend's, except where the cell names the difference", () => {
    const gcpModel = buildModel(gcpSpec(catchAll));
    const proxy = planGcp(gcpModel, { global: true }).proxies[0];
    const certificates = (proxy.kind === 'https' ? proxy.certificates : []).map((name) => gcpModel.certificates.find((c) => c.name === name)!);
    const differences: Record<string, number> = {};
    const unexplained: string[] = [];
    let agreed = 0;
    for (const sni of SNIS) {
      const lbkit = bindServerName(group, sni)?.tls?.certificate;
      const candidates = gcpCertificates(certificates, sni);
      if (candidates.length === 1 && candidates[0] === lbkit) {
        agreed++;
        continue;
      }
      const ownCovers = lbkit !== undefined && (!sni || certificates.find((c) => c.name === lbkit)!.domains.some((d) => certificateCovers(d, sni)));
      // lbkit fails the handshake; lbkit's certificate does not cover the name (a wildcard covers one label); several certificates cover it.
      const why =
        lbkit === undefined
          ? 'no handshake in lbkit'
          : !ownCovers
            ? "the frontend's certificate does not cover the name"
            : candidates.length > 1
              ? 'several certificates cover the name'
              : undefined;
      if (why && (why !== 'several certificates cover the name' || candidates.includes(lbkit!))) differences[why] = (differences[why] ?? 0) + 1;
      else unexplained.push(`SNI ${sni ?? '-'}: lbkit ${lbkit}, gcp ${candidates.join('|')}`);
    }
    expect(unexplained).toEqual([]);
    // Both kinds occur: certificates that agree (exact names, no SNI with a catch-all) and named differences.
    expect(agreed).toBeGreaterThan(0);
    expect(Object.keys(differences).length).toBeGreaterThan(0);
  });
});

/**
 * azure-appgw: the listeners and routing-rule priorities lbkit renders, run by the Application Gateway evaluator,
 * take each Host to the frontend the model binds it to (the binding the local proxy executes, above), and within
 * it to the rule the model picks. Rule hosts that would take requests bound elsewhere get no listener. Only the
 * Host is compared: Application Gateway routes by Host and uses SNI for the certificate only, so where the model
 * answers 421 the gateway routes by Host (the capability table's nearest mapping for frontend.hostnames).
 */
describe('azure-appgw: listeners of frontends with host names', () => {
  const forward = (name: string, hostnames: string[] | undefined, rules: Array<{ name: string; hosts: string[]; pool: string }> = []) => ({
    name,
    protocol: 'http' as const,
    port: 80,
    ...(hostnames ? { hostnames } : {}),
    rules: rules.map((r) => ({ name: r.name, match: { hosts: r.hosts }, action: { forward: { pool: r.pool } } })),
    defaultAction: { forward: { pool: name } },
  });
  const azureSpec = (catchAll: boolean): LoadBalancerSpec => ({
    name: 'grid',
    strict: false,
    frontends: [
      forward('exact', ['a.example.com']),
      forward('wild', ['*.example.com'], [{ name: 'deeper', hosts: ['*.x.example.com'], pool: 'wild-x' }]),
      forward('deep', ['*.deep.example.com']),
      forward('org', ['www.example.org', 'api.example.org']),
      ...(catchAll
        ? [
            forward('rest', undefined, [
              // Bound to 'exact' and 'wild': no listener of 'rest' may take them ahead of those frontends.
              { name: 'shadowed', hosts: ['a.example.com', 'b.example.com', '*.y.example.com'], pool: 'dead' },
              { name: 'own', hosts: ['other.test', '*.rest.test'], pool: 'rest-rule' },
            ]),
          ]
        : []),
    ],
    pools: ['exact', 'wild', 'wild-x', 'deep', 'org', 'rest', 'rest-rule', 'dead'].map((name) => ({ name, protocol: 'http' as const, port: 8080 })),
  });
  const HOSTS_80 = [
    ...NAMES,
    'q.x.example.com',
    'q.y.example.com',
    'api.example.org',
    'other.test',
    'a.rest.test',
    'rest.test',
    'A.Example.COM:80',
    'b.example.com.',
  ];

  test.each([true, false])('catch-all: %s', (catchAll) => {
    const model = buildModel(azureSpec(catchAll));
    const group = frontendsByPort(model.frontends)[0];
    const agw = planAzure(model).applicationGateway!;
    const gateway = gatewayOfPlan(agw);
    const disagreements: string[] = [];
    for (const host of HOSTS_80) {
      const bound = bindHost(group, host);
      const rule = bound?.rules.find((r) => r.match.hosts.some((h) => hostMatches(h, normalizeHost(host))));
      const byModel = !bound
        ? 'none'
        : rule?.action.type === 'forward'
          ? rule.action.pool
          : bound.defaultAction?.type === 'forward'
            ? bound.defaultAction.pool
            : '?';
      const route = evaluateGateway(gateway, { port: 80, frontendIPConfiguration: 'public-ipv4' }, host, '/');
      const byGateway = route?.kind === 'forward' ? route.pool : 'none';
      if (byModel !== byGateway) disagreements.push(`Host ${host}: model ${byModel}, gateway ${byGateway}`);
    }
    expect(disagreements).toEqual([]);
    // One listener per host name of a frontend; the catch-all alone has a basic listener.
    const basic = agw.httpListeners.filter((l) => !l.hostNames.length).map((l) => l.frontend);
    expect(basic).toEqual(catchAll ? ['rest'] : []);
    expect(agw.httpListeners.filter((l) => l.frontend === 'org').map((l) => l.hostNames)).toEqual([['www.example.org'], ['api.example.org']]);
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
