/**
 * A rule's request filters (lib/model/filters.ts, SEMANTICS.md "Filters") applied to what goes upstream: the
 * header modifier on the header list upstreamHeaders() built, then the rewrite of Host and of the path of the
 * request target (the query is kept as received). Routing saw the request as received.
 */
import { applyHeaderModifier, rewrittenPath } from '../../../lib/model/filters';
import type { RuleModel } from '../../../lib/model/types';
import type { Inspected } from './inspect';

export interface FilteredRequest {
  readonly headers: readonly string[];
  /** The origin-form target for the member. */
  readonly target: string;
}

export function filteredRequest(rule: RuleModel | undefined, headers: string[], inspected: Inspected): FilteredRequest {
  const filters = rule?.filters;
  if (!filters) return { headers, target: inspected.target };
  let out = filters.requestHeaders ? applyHeaderModifier(headers, filters.requestHeaders) : headers;
  const rewrite = filters.rewrite;
  if (rewrite?.host !== undefined) {
    // Host is never in a modifier (validation), so the one Host field upstreamHeaders() kept is the one replaced.
    out = out.filter((_v, i, all) => (i % 2 === 0 ? all[i].toLowerCase() !== 'host' : all[i - 1].toLowerCase() !== 'host'));
    out.push('Host', rewrite.host);
  }
  let target = inspected.target;
  if (rewrite?.path && inspected.path !== '*') {
    const q = target.indexOf('?');
    target = `${rewrittenPath(rewrite.path, rule!.match.paths, inspected.path)}${q < 0 ? '' : target.slice(q)}`;
  }
  return { headers: out, target };
}
