/** The access-log entry of one L7 exchange (transaction.ts), with ALB's field meanings (../access-log.ts). */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { seconds, type AccessLogEntry } from '../access-log';
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import type { Decision } from './decide';
import type { Inspected } from './inspect';
import { firstHeader } from './view';

/** The access log's `actions_executed` for each kind of decision (HTTP/1.1 and HTTP/2 alike). */
export const LOG_ACTIONS: Record<Decision['kind'], string> = {
  refused: 'refused',
  blocked: 'waf',
  'rate-limited': 'rate-limit',
  redirect: 'redirect',
  'fixed-response': 'fixed-response',
  forward: 'forward',
  'no-member': 'forward',
};

/**
 * What an exchange learns as it runs, kept for its access-log entry (HTTP/1.1 and HTTP/2 exchanges alike); times
 * are performance.now() values, 0 for "did not happen".
 */
export class ExchangeRecord {
  readonly arrived = performance.now();
  readonly createdAt = Date.now();
  dispatched = 0;
  responded = 0;
  targetStatus = 0;
  /** The access log's error_reason; '-' for none. */
  errorReason = '-';
}

/** The frontend an exchange arrived on, as the entry names it. */
export interface LoggedFrontend {
  readonly secure: boolean;
  readonly scheme: string;
  readonly runtime: { readonly model: { readonly name: string } };
  readonly model: { readonly name: string; readonly tls?: { readonly certificate: string } };
}

/** What the entry reports besides the frontend, the decision and the record. */
export interface LoggedExchange {
  /** 'http', 'https', 'ws', 'wss', 'h2', 'h2c', 'grpc' or 'grpcs'. */
  readonly type: string;
  readonly socket: Socket;
  readonly method: string;
  readonly httpVersion: string;
  readonly rawHeaders: readonly string[];
  readonly inspected: Inspected;
  readonly clientIp: string;
  readonly pool: PoolRuntime | undefined;
  readonly member: Member | undefined;
  readonly status: number;
}

/** Bytes of a client connection already reported, so that each exchange on it reports its own. */
const byteMarks = new WeakMap<Socket, { read: number; written: number }>();

export function exchangeLogEntry(frontend: LoggedFrontend, d: Decision, r: ExchangeRecord, x: LoggedExchange): AccessLogEntry {
  const socket = x.socket;
  const mark = byteMarks.get(socket) ?? { read: 0, written: 0 };
  const received = socket.bytesRead - mark.read;
  const sent = socket.bytesWritten - mark.written;
  byteMarks.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
  const tls = frontend.secure ? (socket as TLSSocket) : undefined;
  const end = performance.now();
  const action = LOG_ACTIONS[d.kind];
  const refused = action === 'refused';
  return {
    type: x.type,
    time: new Date().toISOString(),
    elb: frontend.runtime.model.name,
    frontend: frontend.model.name,
    client: `${x.clientIp}:${socket.remotePort ?? 0}`,
    target: x.member ? x.member.address : '-',
    request_processing_time: r.dispatched ? seconds(r.arrived, r.dispatched) : -1,
    target_processing_time: r.responded ? seconds(r.dispatched, r.responded) : -1,
    response_processing_time: r.responded ? seconds(r.responded, end) : -1,
    elb_status_code: x.status,
    target_status_code: r.targetStatus || '-',
    received_bytes: received,
    sent_bytes: sent,
    request: `${x.method} ${frontend.scheme}://${x.inspected.host || '-'}${x.inspected.target} HTTP/${x.httpVersion}`,
    user_agent: firstHeader(x.rawHeaders, 'user-agent') ?? '-',
    ssl_cipher: tls?.getCipher?.()?.name ?? '-',
    ssl_protocol: tls?.getProtocol?.() ?? '-',
    target_group: x.pool?.name ?? '-',
    domain_name: (tls as { servername?: string } | undefined)?.servername || '-',
    chosen_cert: frontend.model.tls?.certificate ?? '-',
    matched_rule: d.rule?.id ?? '-',
    matched_rule_priority: d.rule ? d.rule.order + 1 : 0,
    request_creation_time: new Date(r.createdAt).toISOString(),
    actions_executed: action,
    redirect_url: d.kind === 'redirect' ? d.location : '-',
    error_reason: r.errorReason,
    classification: refused ? 'Severe' : 'Compliant',
    classification_reason: refused ? r.errorReason : '-',
  };
}
