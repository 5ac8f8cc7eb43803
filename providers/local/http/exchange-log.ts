/** The access-log entry of one L7 exchange (transaction.ts), with ALB's field meanings (../access-log.ts). */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { RuleModel } from '../../../lib/model/types';
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

/** What the entry reports; times are performance.now() values, 0 for "did not happen". */
export interface LoggedExchange {
  /** 'http', 'https', 'ws' or 'wss'. */
  readonly type: string;
  readonly secure: boolean;
  readonly loadBalancer: string;
  readonly frontend: string;
  readonly certificate: string | undefined;
  readonly socket: Socket;
  readonly method: string;
  readonly httpVersion: string;
  readonly scheme: string;
  readonly rawHeaders: readonly string[];
  readonly inspected: Inspected;
  readonly clientIp: string;
  readonly rule: RuleModel | undefined;
  readonly pool: PoolRuntime | undefined;
  readonly member: Member | undefined;
  readonly createdAt: number;
  readonly arrived: number;
  readonly dispatched: number;
  readonly responded: number;
  readonly status: number;
  readonly targetStatus: number;
  readonly action: string;
  readonly redirectUrl: string;
  readonly errorReason: string;
}

/** Bytes of a client connection already reported, so that each exchange on it reports its own. */
const byteMarks = new WeakMap<Socket, { read: number; written: number }>();

export function exchangeLogEntry(x: LoggedExchange): AccessLogEntry {
  const socket = x.socket;
  const mark = byteMarks.get(socket) ?? { read: 0, written: 0 };
  const received = socket.bytesRead - mark.read;
  const sent = socket.bytesWritten - mark.written;
  byteMarks.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
  const tls = x.secure ? (socket as TLSSocket) : undefined;
  const end = performance.now();
  const refused = x.action === 'refused';
  return {
    type: x.type,
    time: new Date().toISOString(),
    elb: x.loadBalancer,
    frontend: x.frontend,
    client: `${x.clientIp}:${socket.remotePort ?? 0}`,
    target: x.member ? x.member.address : '-',
    request_processing_time: x.dispatched ? seconds(x.arrived, x.dispatched) : -1,
    target_processing_time: x.responded ? seconds(x.dispatched, x.responded) : -1,
    response_processing_time: x.responded ? seconds(x.responded, end) : -1,
    elb_status_code: x.status,
    target_status_code: x.targetStatus || '-',
    received_bytes: received,
    sent_bytes: sent,
    request: `${x.method} ${x.scheme}://${x.inspected.host || '-'}${x.inspected.target} HTTP/${x.httpVersion}`,
    user_agent: firstHeader(x.rawHeaders, 'user-agent') ?? '-',
    ssl_cipher: tls?.getCipher?.()?.name ?? '-',
    ssl_protocol: tls?.getProtocol?.() ?? '-',
    target_group: x.pool?.name ?? '-',
    domain_name: (tls as { servername?: string } | undefined)?.servername || '-',
    chosen_cert: x.certificate ?? '-',
    matched_rule: x.rule?.id ?? '-',
    matched_rule_priority: x.rule ? x.rule.order + 1 : 0,
    request_creation_time: new Date(x.createdAt).toISOString(),
    actions_executed: x.action,
    redirect_url: x.redirectUrl,
    error_reason: x.errorReason,
    classification: refused ? 'Severe' : 'Compliant',
    classification_reason: refused ? x.errorReason : '-',
  };
}
