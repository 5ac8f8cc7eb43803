/**
 * The gRPC health probe: one call of grpc.health.v1.Health/Check over HTTP/2 (h2c, or TLS with ALPN h2 for
 * grpcs pools; the member's certificate not verified), as https://github.com/grpc/grpc/blob/master/doc/health-checking.md
 * defines it. Success = the gRPC status is one of grpcStatusCodes, and an OK answer also says SERVING.
 *
 * The two messages are one field each, so they are written and read here directly (protobuf wire format,
 * https://protobuf.dev/programming-guides/encoding/): HealthCheckRequest { string service = 1 } and
 * HealthCheckResponse { ServingStatus status = 1 }, SERVING = 1.
 */
import { connect, constants } from 'node:http2';
import type { HealthCheckModel } from '../../../lib/model/types';
import { formatHostPort } from '../address';

export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';
const SERVING = 1;

/** The length-prefixed gRPC message carrying HealthCheckRequest { service }. */
export function healthCheckRequest(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  const field = name.length ? Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]) : Buffer.alloc(0);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(field.length, 1);
  return Buffer.concat([prefix, field]);
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** The serving status of a HealthCheckResponse message (after its 5-byte prefix); 0 (UNKNOWN) when absent. */
export function servingStatus(body: Buffer): number {
  let i = 5;
  while (i < body.length) {
    const tag = body[i++];
    if (tag === 0x08) {
      let value = 0;
      let shift = 0;
      while (i < body.length) {
        const b = body[i++];
        value |= (b & 0x7f) << shift;
        if (!(b & 0x80)) return value;
        shift += 7;
      }
      return 0;
    }
    return 0; // any other field first: not a response this probe understands
  }
  return 0;
}

function inRanges(ranges: readonly (readonly [number, number])[], code: number): boolean {
  return ranges.some(([low, high]) => code >= low && code <= high);
}

export type GrpcProbeResult = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/** Calls Check; settles through `settle` once; returns a cleanup that ends the session. */
export function grpcProbe(hc: HealthCheckModel, host: string, port: number, tls: boolean, settle: (r: GrpcProbeResult) => void): () => void {
  const authority = formatHostPort(host, port);
  const session = connect(`${tls ? 'https' : 'http'}://${authority}`, tls ? { rejectUnauthorized: false, ALPNProtocols: ['h2'] } : {});
  session.on('error', (err: NodeJS.ErrnoException) => settle({ ok: false, detail: err.code ?? err.message }));
  const req = session.request({
    [constants.HTTP2_HEADER_METHOD]: 'POST',
    [constants.HTTP2_HEADER_PATH]: HEALTH_CHECK_PATH,
    'content-type': 'application/grpc',
    te: 'trailers',
    'user-agent': 'lbkit-health-check',
  });
  let status: string | undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('response', (headers) => {
    status = headers['grpc-status'] as string | undefined;
  });
  req.on('trailers', (trailers) => {
    status = (trailers['grpc-status'] as string | undefined) ?? status;
  });
  req.on('data', (chunk: Buffer) => {
    // A health answer is a few bytes; more than 1 KiB is not one.
    size += chunk.length;
    if (size <= 1024) chunks.push(chunk);
  });
  req.on('error', (err: NodeJS.ErrnoException) => settle({ ok: false, detail: err.code ?? err.message }));
  req.on('end', () => {
    if (status === undefined) return settle({ ok: false, detail: 'no grpc-status' });
    const code = Number(status);
    if (!inRanges(hc.grpcStatusRanges ?? [[0, 0]], code)) return settle({ ok: false, detail: `grpc-status ${code}` });
    if (code === 0 && servingStatus(Buffer.concat(chunks)) !== SERVING) return settle({ ok: false, detail: 'not SERVING' });
    settle({ ok: true });
  });
  req.end(healthCheckRequest(hc.grpcService ?? ''));
  return () => session.destroy();
}
