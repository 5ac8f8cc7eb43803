/**
 * The local reference proxy (providers/local) executes the model itself: every feature is native by
 * definition. Where running on loopback needs something from the caller or means something particular,
 * the cell says so.
 */
import { FEATURES } from '../../lib/capabilities/features';
import { native, type Support, type TargetColumn } from '../../lib/capabilities/support';
import { re2Ranges } from '../../lib/capabilities/regexes';

const NOTES: Readonly<Record<string, string>> = {
  'lb.scheme.internal': 'loopback either way; the scheme does not change behaviour locally',
  'lb.ip.dualstack': "listens on the `host` start option (an IPv6 address such as '::1' for IPv6 clients)",
  'lb.deletion-protection': 'nothing to protect: the proxy lives as long as the process',
  'lb.access-logs': 'one JSON line per request (ALB fields) to the `accessLog` sink given at start; without one, a start warning says none are written',
  'frontend.tls.mtls-verify': 'the trust store is a CA bundle given in the `trustStores` start option',
  'frontend.tls.mtls-passthrough': 'the client certificate goes upstream in the RFC 9440 Client-Cert header',
  'frontend.tls.sni-certificates': 'the first certificate, in spec order, whose domains cover the SNI name',
  'pool.persistence.lb-cookie': 'cookie lbkit.<pool>',
  'pool.persistence.app-cookie': "cookie lbkit-app.<pool>, bound when the member sets the application's cookie",
  'action.weighted-forward.stickiness': 'cookie lbkit-group.<frontend>[.<rule id>]',
  // Operations (issue 19). The table's rule is that the proxy is native everywhere; where it cannot emulate, the
  // note says what it does instead (SEMANTICS.md, Protection).
  'alarm.latency': "nearest-rank percentile of the period's response times (a sample of at most 10,000)",
  'alarm.rejected-connections': 'connections denied by allowedSourceCidrs plus connections dropped at maxConnections',
  'alarm.rate-limited': 'requests refused by rate limits plus requests refused by protection',
  'protection.managed-rules':
    "NOT emulated (nearest: no rule set): the vendors' rule sets are proprietary, so every request passes as if no managed rule matched",
  'protection.geo': 'NOT emulated (nearest: no restriction): loopback clients have no country, so every request passes',
  'protection.ddos-advanced': 'nothing to emulate on loopback: a provider service tier',
};

export const LOCAL: TargetColumn = {
  support: Object.fromEntries(FEATURES.map((f): [string, Support] => [f.id, native(NOTES[f.id])])),
  ranges: { 'match regexes': 'RE2 syntax (re2js, linear-time matching), counted repetition at most 1000' },
  // The proxy matches with re2js: a regex it cannot compile would fail every request that reaches the rule.
  checkRanges: (scope) => re2Ranges(scope, 'the local proxy matches with re2js'),
};
