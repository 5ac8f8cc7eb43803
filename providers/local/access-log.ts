/**
 * Access logs: one JSON object per request (per connection or flow at L4), with the fields of an ALB access
 * log entry (snake_case, same meanings) plus `frontend` and `matched_rule`. Off unless the caller gives a
 * sink: a writable stream (one line each) or a function. Where logs go is placement, not spec.
 */

export interface AccessLogEntry {
  /** 'http', 'https', 'ws', 'wss', 'tcp', 'tls' or 'udp'. */
  readonly type: string;
  /** When the response (or connection) ended, ISO 8601. */
  readonly time: string;
  /** The load balancer's name. */
  readonly elb: string;
  readonly frontend: string;
  /** Client 'ip:port'. */
  readonly client: string;
  /** Member 'ip:port', or '-' when no member was reached. */
  readonly target: string;
  /** Seconds from the request arriving to its dispatch to a member; -1 when not dispatched. */
  readonly request_processing_time: number;
  /** Seconds from dispatch to the member's response headers; -1 when none came. */
  readonly target_processing_time: number;
  /** Seconds from the member's response headers to the response's end; -1 when none came. */
  readonly response_processing_time: number;
  readonly elb_status_code: number;
  /** The member's status, or '-' when the load balancer answered itself. */
  readonly target_status_code: number | '-';
  readonly received_bytes: number;
  readonly sent_bytes: number;
  /** 'METHOD scheme://host:port/path?query HTTP/x.y' ('-' at L4). */
  readonly request: string;
  readonly user_agent: string;
  readonly ssl_cipher: string;
  readonly ssl_protocol: string;
  /** The pool, or '-'. */
  readonly target_group: string;
  /** SNI server name, or '-'. */
  readonly domain_name: string;
  /** The certificate's spec name, or '-'. */
  readonly chosen_cert: string;
  /** The matched rule's id, or '-' for the default action. */
  readonly matched_rule: string;
  /** rule order + 1; 0 for the default action (as ALB logs the default rule). */
  readonly matched_rule_priority: number;
  readonly request_creation_time: string;
  /** 'forward', 'redirect', 'fixed-response', 'rate-limit', 'refused'. */
  readonly actions_executed: string;
  readonly redirect_url: string;
  /** Why the load balancer answered an error: 'TargetConnectionError', 'TargetTimeout', 'NoHealthyTargets', ... or '-'. */
  readonly error_reason: string;
  /** 'Compliant', or 'Severe' for refused bad input (as ALB's desync classification). */
  readonly classification: string;
  readonly classification_reason: string;
}

export type AccessLogSink = NodeJS.WritableStream | ((entry: AccessLogEntry) => void);

export class AccessLog {
  constructor(private readonly sink: AccessLogSink) {}

  write(entry: AccessLogEntry): void {
    if (typeof this.sink === 'function') this.sink(entry);
    else this.sink.write(`${JSON.stringify(entry)}\n`);
  }
}

/** Seconds with millisecond precision, -1 for "did not happen". */
export function seconds(fromMs: number, toMs: number): number {
  return fromMs > 0 && toMs >= fromMs ? Math.round(toMs - fromMs) / 1000 : -1;
}

/** An entry with every field "did not happen" ('-' or -1) but the given ones. */
export function accessLogEntry(fields: Partial<AccessLogEntry> & Pick<AccessLogEntry, 'type' | 'elb' | 'frontend' | 'client'>): AccessLogEntry {
  const now = new Date().toISOString();
  return {
    time: now,
    target: '-',
    request_processing_time: -1,
    target_processing_time: -1,
    response_processing_time: -1,
    elb_status_code: 0,
    target_status_code: '-',
    received_bytes: 0,
    sent_bytes: 0,
    request: '-',
    user_agent: '-',
    ssl_cipher: '-',
    ssl_protocol: '-',
    target_group: '-',
    domain_name: '-',
    chosen_cert: '-',
    matched_rule: '-',
    matched_rule_priority: 0,
    request_creation_time: now,
    actions_executed: '-',
    redirect_url: '-',
    error_reason: '-',
    classification: 'Compliant',
    classification_reason: '-',
    ...fields,
  };
}
