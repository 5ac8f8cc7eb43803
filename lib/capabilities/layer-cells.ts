/** Cells that every L4 target shares: HTTP features never reach an L4 target's scope, but the table is complete. */
import { REDIRECT_STATUS_CODES } from '../spec/schema';
import { unsupported, type Support } from './support';

const L7_ONLY = 'an L7 target: this feature needs HTTP';
/** The HTTP/2 and gRPC rows (issue 20): each L4 target grades them, with its passthrough alternative. */
export const GRPC_HTTP2_FEATURES = [
  'frontend.http2.alpn',
  'frontend.http2.cleartext',
  'frontend.http2.off',
  'pool.protocol.grpc',
  'pool.protocol.grpcs',
  'pool.http2',
  'pool.health.grpc',
  'pool.health.grpc-service',
  'pool.health.grpc-status-codes',
  'rule.match.grpc',
  'action.fixed-response.grpc-status',
] as const;

/** Alarms on HTTP answers and protection that inspects HTTP (lib/capabilities/operations-features.ts). */
export const HTTP_OPERATIONS_FEATURES = [
  'alarm.5xx-count',
  'alarm.5xx-ratio',
  'alarm.latency',
  'alarm.rate-limited',
  'protection.managed-rules',
  'protection.ip-allow',
  'protection.ip-deny',
  'protection.geo',
] as const;

/** The HTTP-only rows of issue 16 (Gateway-API-grade L7). */
const L7_GATEWAY_FEATURES = [
  'rule.match.header.case-sensitive',
  'rule.match.query.case-sensitive',
  'rule.match.path.case-insensitive',
  'rule.filter.request-headers',
  'rule.filter.response-headers',
  'rule.filter.rewrite-host',
  'rule.filter.rewrite-path-full',
  'rule.filter.rewrite-path-prefix',
  'action.redirect.path-prefix',
  'pool.persistence.session-cookie',
  'rule.timeout.request',
  'rule.timeout.backend',
  'rule.retry',
  'rule.retry.statuses',
  'pool.retry-budget',
  'frontend.hostnames',
];

/** HTTP-only rows, as seen by an L4 target; `l7Target` names where the feature lives on that cloud. */
export function l4HttpCells(l7Target: string): Record<string, Support> {
  const cell = unsupported(`${l7Target} (${L7_ONLY})`);
  return Object.fromEntries(
    [
      'frontend.protocol.http',
      'frontend.protocol.https',
      'frontend.redirect-http-to-https',
      'frontend.rule-order.most-specific',
      'rule.match.host.exact',
      'rule.match.host.wildcard',
      'rule.match.path.exact',
      'rule.match.path.prefix',
      'rule.match.path.regex',
      'rule.match.header.exact',
      'rule.match.header.prefix',
      'rule.match.header.regex',
      'rule.match.header.present',
      'rule.match.query.exact',
      'rule.match.query.present',
      'rule.match.method',
      'rule.match.source',
      'action.redirect',
      ...REDIRECT_STATUS_CODES.map((code) => `action.redirect.status-${code}`),
      'action.fixed-response',
      'action.weighted-forward.stickiness',
      'pool.protocol.http',
      'pool.protocol.https',
      'pool.persistence.lb-cookie',
      'pool.persistence.app-cookie',
      'rate-limit.client-ip',
      'rate-limit.header',
      'rate-limit.rule-scope',
      'rate-limit.custom-status',
      'rate-limit.frontend-subset',
      ...L7_GATEWAY_FEATURES,
      ...GRPC_HTTP2_FEATURES,
      ...HTTP_OPERATIONS_FEATURES,
    ].map((id) => [id, cell]),
  );
}

/** L4 rows as seen by an L7 target. */
export function l7TransportCells(l4Target: string): Record<string, Support> {
  const cell = unsupported(`${l4Target} (an L4 target)`);
  return Object.fromEntries(
    ['frontend.protocol.tcp', 'frontend.protocol.tls', 'frontend.protocol.udp', 'pool.protocol.tcp', 'pool.protocol.tls', 'pool.protocol.udp'].map((id) => [
      id,
      cell,
    ]),
  );
}
