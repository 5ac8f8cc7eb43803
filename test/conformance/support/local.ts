/**
 * The local proxy's side of the conformance tests: echo members that say which pool and member answered,
 * one LocalLoadBalancer per spec on loopback, and requests sent over real sockets exactly as written (raw path,
 * repeated headers, a chosen source address), whose answers become outcomes.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LoadBalancerModel } from '../../../lib/model/types';
import { LocalLoadBalancer, startBackend, type CertificatePem, type TestBackend } from '../../../providers/local';
import { canonicalLocation, forwardedOf, MEMBER_RESPONSE_HEADERS, type ConformanceRequest, type Fields, type Outcome } from '../evaluators/request';

/** What an echo member received, as it reports it in its body. */
interface Echo {
  readonly url: string;
  readonly headers: Record<string, string | string[]>;
}

/** The echo answer (JSON body: the request line and headers received), with MEMBER_RESPONSE_HEADERS for response filters. */
function echo(req: IncomingMessage, res: ServerResponse, member: TestBackend): void {
  const body: Echo = { url: req.url ?? '', headers: req.headers as Echo['headers'] };
  res.writeHead(200, [['Content-Type', 'application/json'], ['X-Backend', member.name], ...MEMBER_RESPONSE_HEADERS].flat()).end(JSON.stringify(body));
}

/** Header fields of a Node header map (a repeated field as its values in order). */
const fieldsOf = (headers: IncomingMessage['headers'] | Echo['headers']): Fields =>
  Object.entries(headers).flatMap(([n, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [n, x] as const)));

/** Echo members by pool name, started on first use and shared by every load balancer of a test file. */
export class EchoFleet {
  private readonly members = new Map<string, TestBackend[]>();

  constructor(private readonly membersPerPool = 1) {}

  /** Bindings for every pool of the model (members named '<pool>/<n>'). */
  async bindings(model: LoadBalancerModel): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const pool of model.pools) {
      let list = this.members.get(pool.name);
      if (!list) {
        list = await Promise.all(Array.from({ length: this.membersPerPool }, (_, i) => startBackend(`${pool.name}/${i + 1}`, { handler: echo })));
        this.members.set(pool.name, list);
      }
      // The members keep what they received; the tests read the answers instead.
      for (const m of list) m.take();
      out[pool.name] = list.map((m) => m.address);
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.members.values()].flat().map((m) => m.close()));
    this.members.clear();
  }
}

/** One local load balancer for one spec, with keep-alive clients (connections are per source address). */
export class LocalRun {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  /** Local port -> the spec port of the frontend listening there. */
  private readonly specPorts = new Map<number, number>();

  private constructor(
    readonly lb: LocalLoadBalancer,
    readonly model: LoadBalancerModel,
  ) {
    for (const f of model.frontends) this.specPorts.set(lb.address(f.name).port, f.port);
  }

  /** Starts the proxy with every pool bound to the fleet; `certificates` avoids generating a key per spec. */
  static async start(model: LoadBalancerModel, fleet: EchoFleet, certificates?: Readonly<Record<string, CertificatePem>>): Promise<LocalRun> {
    const lb = await LocalLoadBalancer.start(model, {
      bindings: await fleet.bindings(model),
      healthChecks: false,
      ...(certificates
        ? { certificates: Object.fromEntries(model.certificates.map((c) => [c.name, certificates[c.name] ?? Object.values(certificates)[0]])) }
        : {}),
    });
    return new LocalRun(lb, model);
  }

  /** Sends the request as written and reads what the proxy did with it. */
  async observe(req: ConformanceRequest): Promise<Outcome> {
    const res = await this.send(req);
    return this.outcomeOf(res);
  }

  private send(req: ConformanceRequest): Promise<{ res: IncomingMessage; body: string }> {
    const frontend = this.model.frontends.find((f) => f.name === req.frontend)!;
    const secure = frontend.protocol === 'https';
    const { port } = this.lb.address(req.frontend);
    const headers: Record<string, string | string[]> = { host: req.host };
    for (const [name, value] of req.headers) {
      const key = name.toLowerCase();
      const had = headers[key];
      headers[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
    }
    const options = {
      host: '127.0.0.1',
      port,
      method: req.method,
      path: `${req.path}${req.query ? `?${req.query}` : ''}`,
      headers,
      localAddress: req.sourceIp,
      agent: secure ? this.https : this.http,
    };
    return new Promise((resolve, reject) => {
      const r = (secure ? httpsRequest : httpRequest)(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ res, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      r.setTimeout(10_000, () => r.destroy(new Error(`no answer within 10 s to ${req.method} ${options.path}`)));
      r.on('error', reject);
      r.end();
    });
  }

  private outcomeOf({ res, body }: { res: IncomingMessage; body: string }): Outcome {
    const member = res.headers['x-backend'];
    if (typeof member === 'string') {
      const received = JSON.parse(body) as Echo;
      const [path] = received.url.split('?');
      const host = String(received.headers.host ?? '');
      return {
        kind: 'forward',
        pools: [member.split('/')[0]],
        forwarded: forwardedOf({ path, host, headers: fieldsOf(received.headers) }, fieldsOf(res.headers)),
      };
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) return { kind: 'redirect', status, location: this.specLocation(location) };
    return { kind: 'fixed', status, contentType: String(res.headers['content-type'] ?? ''), body };
  }

  /** A Location the proxy wrote with its local ports, with the spec ports in their place (as a cloud writes it). */
  private specLocation(location: string): string {
    const u = new URL(location);
    const local = Number(u.port);
    if (u.port && this.specPorts.has(local)) u.port = String(this.specPorts.get(local));
    return canonicalLocation(u.href);
  }

  async stop(): Promise<void> {
    this.http.destroy();
    this.https.destroy();
    await this.lb.stop({ graceMs: 0 });
  }
}
