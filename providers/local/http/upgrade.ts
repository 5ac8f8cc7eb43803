/**
 * Upgrade requests: validated, routed and rate limited like any other, with no body allowed, sent to the
 * member on a fresh connection. Only `Upgrade: websocket` is passed on, and only a member's 101 turns the
 * connection into a tunnel (l4/pipe.ts, idle timeout = the frontend's). Any other protocol (h2c, ...) is
 * not offered to the member: the request goes without Upgrade, so a tunnel can never carry unrouted
 * requests (h2c smuggling). Any answer but 101 is passed on and the connection closed.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { ClientRequest } from './server/exchange';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { selectRule } from '../../../lib/model/match';
import type { ActionModel, RuleModel } from '../../../lib/model/types';
import { clientIp } from '../address';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { pipeBoth } from '../l4/pipe';
import type { HttpFrontend } from './frontend';
import { downstreamHeaders, upstreamHeaders } from './headers';
import { inspectRequest, isRefusal } from './inspect';
import { pickMember, type PersistenceOut } from './persistence';
import { rawReply, responseHead } from './raw';
import { redirectLocation } from './redirect';
import { firstHeader, HttpRequestView } from './view';

type Out = PersistenceOut & { groupCookie?: string };

export function handleUpgrade(fe: HttpFrontend, req: ClientRequest, socket: Socket, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  const started = performance.now();
  const ip = clientIp(socket.remoteAddress);
  const inspected = inspectRequest(req);
  if (isRefusal(inspected)) return fe.refuse(socket, inspected.status, inspected.reason, true);
  if (inspected.body === 'chunked' || (inspected.body === 'length' && !/^0+$/.test(inspected.contentLength))) {
    return fe.refuse(socket, 400, 'smuggling', true);
  }
  const redirect = fe.model.redirectHttpToHttps;
  const rule = redirect ? undefined : selectRule(fe.model, new HttpRequestView(req, inspected, ip));
  const record = (status: number, pool?: PoolRuntime, member?: Member) => fe.stats.record(rule, pool, member, status, (performance.now() - started) / 1000);
  const refused = fe.limits.empty ? undefined : fe.limits.check(rule, req.rawHeaders, ip, Date.now());
  if (refused) {
    fe.stats.limited(refused.limit.model.name);
    rawReply(socket, refused.limit.model.responseStatus, ['Retry-After', String(refused.retryAfterSeconds)]);
    return record(refused.limit.model.responseStatus);
  }
  const action: ActionModel = redirect
    ? { type: 'redirect', scheme: 'https', port: redirect.port, statusCode: redirect.statusCode }
    : rule ? rule.action : fe.model.defaultAction!;
  const out: Out = {};
  let pool: PoolRuntime | undefined;
  switch (action.type) {
    case 'forward':
      pool = fe.runtime.pools.get(action.pool);
      break;
    case 'weighted-forward':
      pool = fe.splitFor(action).choose(req.rawHeaders, out);
      break;
    case 'redirect': {
      const location = redirectLocation(action, {
        scheme: fe.scheme, host: inspected.host, localAddress: socket.localAddress ?? '127.0.0.1', localPort: fe.localPort,
        path: inspected.path, query: inspected.query, mapPort: (p) => fe.runtime.localPort(p),
      });
      rawReply(socket, action.statusCode, ['Location', location], '');
      return record(action.statusCode);
    }
    case 'fixed-response':
      socket.end(`${responseHead(action.statusCode, 'Fixed Response', ['Content-Type', action.contentType, 'Content-Length', String(Buffer.byteLength(action.body)), 'Connection', 'close'])}\r\n${action.body}`);
      return record(action.statusCode);
  }
  const member = pool && pool.prepare(Date.now()) ? pickMember(pool, req.rawHeaders, ip, fe.secure, out) : undefined;
  if (!pool || !member) {
    rawReply(socket, 503);
    return record(503, pool);
  }
  const websocket = firstHeader(req.rawHeaders, 'upgrade')?.trim().toLowerCase() === 'websocket';
  const headers = upstreamHeaders(req.rawHeaders, inspected, { clientIp: ip, proto: fe.scheme, port: fe.portText }, websocket);
  new Tunnel(fe, req, inspected.target, socket, head, ip, headers, pool, out, rule, record).attempt(member, []);
}

class Tunnel {
  constructor(
    private readonly fe: HttpFrontend,
    private readonly req: ClientRequest,
    private readonly target: string,
    private readonly socket: Socket,
    private readonly head: Buffer,
    private readonly ip: string,
    private readonly headers: string[],
    private readonly pool: PoolRuntime,
    private readonly out: Out,
    readonly rule: RuleModel | undefined,
    private readonly record: (status: number, pool?: PoolRuntime, member?: Member) => void,
  ) {}

  attempt(m: Member, tried: Member[]): void {
    const pool = this.pool;
    let connected = false;
    let timedOut = false;
    let settled = false;
    const send = pool.model.protocol === 'https' ? httpsRequest : httpRequest;
    const up = send({ host: m.host, port: m.port, method: this.req.method, path: this.target, headers: this.headers, setHost: false, agent: false });
    const conn = { destroy: () => { up.destroy(); this.socket.destroy(); } };
    pool.acquire(m);
    const entry = m.connections.add(conn);
    const settle = (status: number) => {
      if (settled) return;
      settled = true;
      pool.release(m);
      m.connections.remove(entry);
      this.record(status, pool, m);
    };
    up.on('socket', (s: Socket) => {
      if (s.connecting) s.once('connect', () => (connected = true));
      else connected = true;
    });
    up.setTimeout(this.fe.memberTimeoutMs, () => {
      timedOut = true;
      up.destroy();
    });
    up.on('upgrade', (res: IncomingMessage, upSocket: Socket, upHead: Buffer) => {
      pool.succeeded(m);
      up.setTimeout(0);
      const cookies = [this.out.groupCookie, this.out.memberCookie].filter((c): c is string => c !== undefined);
      this.socket.write(`${responseHead(101, res.statusMessage || 'Switching Protocols', downstreamHeaders(res.rawHeaders, cookies, true))}\r\n`);
      if (upHead.length) this.socket.write(upHead);
      if (this.head.length) upSocket.write(this.head);
      pipeBoth(this.socket, upSocket, this.fe.memberTimeoutMs, () => settle(101));
    });
    up.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 502;
      if (status >= 500) pool.failed(m);
      else pool.succeeded(m);
      // Not upgraded: pass the answer on (close-delimited when it was chunked), then close.
      this.socket.write(`${responseHead(status, res.statusMessage ?? '', downstreamHeaders(res.rawHeaders, undefined))}Connection: close\r\n\r\n`);
      res.pipe(this.socket);
      res.on('end', () => settle(status));
      res.on('error', () => this.socket.destroy());
    });
    up.on('error', () => {
      if (settled) return;
      pool.failed(m);
      settled = true;
      pool.release(m);
      m.connections.remove(entry);
      if (!connected && !timedOut) {
        // Nothing was sent: another member may take it.
        tried.push(m);
        const next = pool.prepare(Date.now(), tried) ? pool.pick(this.ip) : undefined;
        if (next) return this.attempt(next, tried);
      }
      const status = timedOut ? 504 : 502;
      if (this.socket.writable) rawReply(this.socket, status);
      this.record(status, pool, m);
    });
    up.end();
  }
}
