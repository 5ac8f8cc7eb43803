/**
 * A rule's filters on a URL-map route rule (issue 16): path prefix rewrites and prefix redirects, the route
 * timeout and the retry policy (https://cloud.google.com/compute/docs/reference/rest/v1/urlMaps,
 * pathMatchers[].routeRules[].routeAction.urlRewrite / timeout / retryPolicy and urlRedirect.prefixRedirect;
 * @google-cloud/compute 7.8.0 compute.proto HttpRouteAction, HttpRetryPolicy, UrlRewrite, HttpRedirectAction).
 */
import type { RuleFilters } from '../../../lib/model/filters';
import type { MatchModel, RuleModel } from '../../../lib/model/types';
import type { MatchRulePlan, RetryCondition, RetryPolicyPlan } from './types';

/** The statuses retryConditions 'gateway-error' retries ("only applies to response codes 502, 503 or 504"). */
export const GATEWAY_ERROR_STATUSES: readonly number[] = [502, 503, 504];

/**
 * GCP's retry policy for lbkit's: numRetries is `attempts`; 'connect-failure' retries what never reached a
 * member; statuses become the smallest class that holds them ('gateway-error' for 502-504, else '5xx', which
 * also retries disconnects, resets and read timeouts). A per-try timeout is `backendSeconds`.
 */
export function retryPolicyOf(filters: RuleFilters | undefined): RetryPolicyPlan | undefined {
  const retry = filters?.retry;
  if (!retry) return undefined;
  const statuses: RetryCondition[] = !retry.statuses.length
    ? []
    : retry.statuses.every((s) => GATEWAY_ERROR_STATUSES.includes(s))
      ? ['gateway-error']
      : ['5xx'];
  return {
    numRetries: retry.attempts,
    ...(filters.backendTimeoutSeconds !== undefined ? { perTryTimeoutSec: filters.backendTimeoutSeconds } : {}),
    retryConditions: ['connect-failure', ...statuses],
  };
}

/**
 * routeAction.timeout: the request timeout. Without a retry policy (which carries the per-try timeout) the one
 * attempt's backend timeout bounds it too, so the route timeout is the smaller of the two.
 */
export function routeTimeoutOf(filters: RuleFilters | undefined): number | undefined {
  if (!filters) return undefined;
  const candidates = [filters.requestTimeoutSeconds, filters.retry ? undefined : filters.backendTimeoutSeconds].filter((t): t is number => t !== undefined);
  return candidates.length ? Math.min(...candidates) : undefined;
}

/** The replacement of a matched prefix, if the rule has one: its rewrite.path.prefix or its redirect's pathPrefix. */
export function prefixReplacement(rule: RuleModel): string | undefined {
  if (rule.action.type === 'redirect') return rule.action.pathPrefix;
  return rule.filters?.rewrite?.path?.kind === 'prefix' ? rule.filters.rewrite.path.value : undefined;
}

/** One route rule of a rule that replaces a matched prefix: its match rules, and what the matched part becomes. */
export interface PrefixPart {
  /** Appended to the rule id for the priority ledger ('' for the first part, which keeps the rule's id). */
  readonly idSuffix: string;
  readonly matchRules: readonly MatchRulePlan[];
  /** The whole path ('exact': fullPathMatch) or the matched prefixMatch ('under') is replaced by `replacement`. */
  readonly kind: 'exact' | 'under';
  readonly replacement: string;
}

/** The id suffix of the second route rule of a rule split by prefixParts. */
export const UNDER_PREFIX_SUFFIX = '/under-prefix';

/**
 * lbkit replaces a matched prefix segment-wise ('/api' -> '/v2': '/api' is '/v2', '/api/x' is '/v2/x';
 * lib/model/filters.ts replacePrefix); GCP replaces the matched string. So a rule becomes two route rules: the
 * prefixes themselves as fullPathMatch, replaced by the target without a trailing '/', then everything under
 * them as prefixMatch '<prefix>/', replaced by the target with one. The longest prefix comes first in each: GCP
 * takes the first match rule that holds, lbkit the longest prefix. The exact part comes first, so '/api/v1'
 * (a prefix of the rule) is not taken by prefixMatch '/api/'. Validation ensures every path is a prefix.
 */
export function prefixParts(match: MatchModel, replacement: string, conditions: Pick<MatchRulePlan, 'headerMatches' | 'queryParameterMatches'>): PrefixPart[] {
  const prefixes = [...new Set(match.paths.map((p) => p.value))].sort((a, b) => b.length - a.length);
  const head = replacement.replace(/\/+$/, '');
  return [
    { idSuffix: '', kind: 'exact', replacement: head || '/', matchRules: prefixes.map((p) => ({ fullPathMatch: p, ...conditions })) },
    {
      idSuffix: UNDER_PREFIX_SUFFIX,
      kind: 'under',
      replacement: `${head}/`,
      matchRules: prefixes.map((p) => ({ prefixMatch: p === '/' ? '/' : `${p}/`, ...conditions })),
    },
  ];
}
