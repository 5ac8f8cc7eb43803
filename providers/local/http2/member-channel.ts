/**
 * An HTTP/1.1 request to a member of an HTTP/2 pool (http or https with http2): one stream of the member's
 * HTTP/2 session (member-sessions.ts) behind the interface of a pooled HTTP/1.1 connection, so the HTTP/1.1
 * transaction (../http/transaction.ts) sends it with all its accounting: retries, passive health, cookies,
 * timeouts, backpressure and the access log. The request head the transaction built is turned into HTTP/2
 * fields (connection-specific ones dropped, Host as :authority); the response comes back as a response head,
 * body chunks and an end. Request and response trailers are not carried on this path.
 */
import { constants, type ClientHttp2Stream } from 'node:http2';
import type { Member } from '../balancer/member';
import { statusText } from '../http/raw';
import type { BodyReader } from '../http/server/exchange';
import type { RequestBody, RequestBodySource, UpstreamExchange } from '../http/upstream/connection';
import type { MemberSessions } from './member-sessions';

const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'te', 'http2-settings']);

/** What the transaction uses of a member connection. */
export interface MemberChannel {
  readonly reused: boolean;
  send(exchange: UpstreamExchange, method: string, head: string, body: RequestBody, timeoutMs: number, upgrade?: boolean): void;
  pipeBody(source: RequestBodySource): void;
  pause(): void;
  resume(): void;
  destroy(): void;
}

export class H2MemberChannel implements MemberChannel, BodyReader {
  reused = false;
  private stream: ClientHttp2Stream | undefined;
  private exchange: UpstreamExchange | undefined;
  private source: RequestBodySource | undefined;

  constructor(
    private readonly sessions: MemberSessions,
    private readonly member: Member,
    private readonly tls: boolean,
  ) {}

  send(exchange: UpstreamExchange, _method: string, head: string, body: RequestBody, timeoutMs: number): void {
    this.exchange = exchange;
    const lines = head.split('\r\n');
    const [method, target] = lines[0].split(' ');
    const fields: Record<string, string | string[]> = { ':method': method, ':path': target, ':scheme': this.tls ? 'https' : 'http' };
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'host') fields[':authority'] = value;
      if (CONNECTION_SPECIFIC.has(name)) continue;
      const prior = fields[name];
      fields[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
    const { session, connected } = this.sessions.use(this.member, this.tls);
    this.reused = connected;
    const stream = session.request(fields, { endStream: body === 'none' });
    this.stream = stream;
    stream.setTimeout(timeoutMs, () => {
      if (this.stream === stream) this.exchange?.onUpstreamTimeout();
    });
    if (connected) exchange.onUpstreamConnect();
    else
      session.once('connect', () => {
        if (this.stream === stream) this.exchange?.onUpstreamConnect();
      });
    let ended = false;
    let failed = false;
    stream.on('response', (headers) => {
      const status = Number(headers[':status']);
      const raw: string[] = [];
      for (const [name, value] of Object.entries(headers)) {
        if (name.startsWith(':') || CONNECTION_SPECIFIC.has(name) || value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) raw.push(name, v);
        else raw.push(name, String(value));
      }
      this.exchange?.onUpstreamHead({ statusCode: status, statusMessage: statusText(status), rawHeaders: raw, keepAlive: true });
    });
    stream.on('data', (chunk: Buffer) => this.exchange?.onUpstreamBody(chunk));
    stream.on('end', () => {
      ended = true;
      const exchange = this.exchange;
      this.detach();
      exchange?.onUpstreamEnd();
    });
    const fail = (err: NodeJS.ErrnoException) => {
      if (ended || failed || this.stream !== stream) return;
      failed = true;
      const exchange = this.exchange;
      this.detach();
      exchange?.onUpstreamError(err);
    };
    stream.on('error', fail);
    stream.on('close', () => fail(Object.assign(new Error(`stream closed (${stream.rstCode ?? 'no code'})`), { code: 'ECONNRESET' })));
  }

  pipeBody(source: RequestBodySource): void {
    this.source = source;
    source.readBody(this);
  }

  onBodyData(chunk: Buffer): void {
    const stream = this.stream;
    if (!stream || chunk.length === 0) return;
    if (!stream.write(chunk)) {
      this.source?.pause();
      stream.once('drain', () => this.source?.resume());
    }
  }

  onBodyEnd(): void {
    this.stream?.end();
  }

  pause(): void {
    this.stream?.pause();
  }

  resume(): void {
    this.stream?.resume();
  }

  /** Abandons the exchange: the member stream is cancelled (RST_STREAM CANCEL); nothing is reported. */
  destroy(): void {
    const stream = this.stream;
    this.detach();
    if (stream && !stream.closed) stream.close(constants.NGHTTP2_CANCEL);
  }

  private detach(): void {
    this.stream = undefined;
    this.exchange = undefined;
    if (this.source) this.source.readBody(undefined);
    this.source = undefined;
  }
}
