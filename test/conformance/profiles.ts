/**
 * What each differential target routes natively (its capability column), as the generators (arbitraries.ts,
 * request-arbitraries.ts) need it: the rows the column marks native for conditions, actions, redirect statuses
 * and rule filters.
 */
import { CAPABILITIES } from '../../providers';
import type { DifferentialTarget } from './support/compile';

/** Rule filters (issue 16) by the row of the capability table that judges each. */
const FILTER_ROWS = {
  requestHeaders: 'rule.filter.request-headers',
  responseHeaders: 'rule.filter.response-headers',
  rewriteHost: 'rule.filter.rewrite-host',
  rewritePathFull: 'rule.filter.rewrite-path-full',
  rewritePathPrefix: 'rule.filter.rewrite-path-prefix',
} as const;
export type FilterKind = keyof typeof FILTER_ROWS;

export interface Profile {
  readonly pathKinds: readonly ('exact' | 'prefix' | 'regex')[];
  readonly headerKinds: readonly ('exact' | 'prefix' | 'regex' | 'present')[];
  readonly query: boolean;
  readonly methods: boolean;
  readonly source: boolean;
  readonly weighted: boolean;
  readonly fixed: boolean;
  readonly redirectCodes: readonly (301 | 302 | 303 | 307 | 308)[];
  /** Redirects without a host must land on a listener of the gateway, path unset or '/', query unset or ''. */
  readonly listenerRedirects: boolean;
  /** Redirects keep the port and cannot set a query other than '' (GCP). */
  readonly keepPortAndQuery: boolean;
  /** Redirects always keep the query: neither set nor stripped (Gateway API RequestRedirect has no query field). */
  readonly keepsQuery?: boolean;
  /** Header and query conditions may ask for exact case (`caseSensitive`, issue 16). */
  readonly caseSensitive: boolean;
  /** Query conditions only with exact case (GCP compares parameter names exactly). */
  readonly queryOnlyCaseSensitive?: boolean;
  /**
   * gRPC call conditions (rule.match.grpc): 'mixed' beside path rules (a path condition underneath: ALB path
   * patterns, GCP URL maps); 'only' in specs whose rules are all gRPC (a GRPCRoute frontend on the Gateway API).
   */
  readonly grpc?: 'mixed' | 'only';
  /** The rule filters the column marks native (derived from it, see `nativeFilters`). */
  readonly filters: Readonly<Record<FilterKind, boolean>>;
  /** Frontends with host names sharing a port (frontend.hostnames; see `bindsHostNames`). */
  readonly hostnames: boolean;
}

/** The filters a target's capability column marks native. */
function nativeFilters(target: DifferentialTarget): Record<FilterKind, boolean> {
  const support = CAPABILITIES[target].support;
  return Object.fromEntries(Object.entries(FILTER_ROWS).map(([kind, row]) => [kind, support[row]?.level === 'native'])) as Record<FilterKind, boolean>;
}

/**
 * Whether the differential generates frontends with host names for the target: its frontend.hostnames cell is
 * native, or nearest with a difference that lies in SNI alone (421 for a Host naming another frontend than the
 * TLS server name, certificate choice; evaluated by hostnames-differential.test.ts), which the plain-HTTP requests
 * of the differential never meet: their binding is by Host only, which every evaluator models.
 */
const bindsHostNames = (target: DifferentialTarget) => CAPABILITIES[target].support['frontend.hostnames']?.level !== 'unsupported';

/** What AWS and GCP share: every path, header and query condition kind, methods, weighted forwards, gRPC beside paths. */
const PATH_PATTERN_ROUTING = {
  pathKinds: ['exact', 'prefix', 'regex'],
  headerKinds: ['exact', 'prefix', 'regex', 'present'],
  query: true,
  methods: true,
  weighted: true,
  listenerRedirects: false,
  grpc: 'mixed',
} as const;

/** GCP routes methods through the ':method' pseudo-header (compute v1 HttpHeaderMatch.headerName). */
const gcp = (target: 'gcp-alb-global' | 'gcp-alb-regional'): Profile => ({
  ...PATH_PATTERN_ROUTING,
  source: false,
  fixed: false,
  redirectCodes: [301, 302, 303, 307, 308],
  keepPortAndQuery: true,
  caseSensitive: true,
  queryOnlyCaseSensitive: true,
  filters: nativeFilters(target),
  hostnames: bindsHostNames(target),
});

export const PROFILES: Readonly<Record<DifferentialTarget, Profile>> = {
  'aws-alb': {
    ...PATH_PATTERN_ROUTING,
    source: true,
    fixed: true,
    redirectCodes: [301, 302],
    keepPortAndQuery: false,
    caseSensitive: false,
    filters: nativeFilters('aws-alb'),
    hostnames: bindsHostNames('aws-alb'),
  },
  'azure-appgw': {
    pathKinds: [],
    headerKinds: [],
    query: false,
    methods: false,
    source: false,
    weighted: false,
    fixed: false,
    redirectCodes: [301, 302, 303, 307],
    listenerRedirects: true,
    keepPortAndQuery: false,
    caseSensitive: false,
    filters: nativeFilters('azure-appgw'),
    hostnames: bindsHostNames('azure-appgw'),
  },
  'gcp-alb-global': gcp('gcp-alb-global'),
  'gcp-alb-regional': gcp('gcp-alb-regional'),
  // The portable standard channel: header and query matches are nearest there (values compare case-sensitively).
  'k8s-gateway': {
    pathKinds: ['exact', 'prefix'],
    headerKinds: [],
    query: false,
    methods: true,
    source: false,
    weighted: true,
    fixed: false,
    redirectCodes: [301, 302, 303, 307, 308],
    listenerRedirects: false,
    keepPortAndQuery: false,
    keepsQuery: true,
    caseSensitive: false,
    grpc: 'only',
    filters: nativeFilters('k8s-gateway'),
    hostnames: bindsHostNames('k8s-gateway'),
  },
};
