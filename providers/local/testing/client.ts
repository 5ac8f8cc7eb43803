/**
 * A small HTTP(S) client for tests: sets any header (Host included), sends a body, reads the whole answer.
 * Certificates are not verified (local load balancers use self-signed ones) unless `ca` is given.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface RequestOptions {
  /** @default 'GET' */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
  /** Source address to send from, such as '127.0.0.7' (any 127.0.0.0/8 address works on Linux loopback). */
  readonly localAddress?: string;
  /** CA to verify the server's certificate against; without it the certificate is not verified. */
  readonly ca?: string | Buffer;
  /** TLS server name (SNI). */
  readonly servername?: string;
  /** An agent for keep-alive; by default every request uses a new connection. */
  readonly agent?: HttpAgent | HttpsAgent;
  /** Give up after this many ms. @default 10000 */
  readonly timeoutMs?: number;
}

export interface Response {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export function request(url: string, options: RequestOptions = {}): Promise<Response> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send({
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port,
      path: `${u.pathname}${u.search}`,
      method: options.method ?? 'GET',
      headers: options.headers as Record<string, string | string[]>,
      agent: options.agent ?? false,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      ...(secure ? { rejectUnauthorized: options.ca !== undefined, ca: options.ca, servername: options.servername } : {}),
    });
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 10_000} ms: ${url}`)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
