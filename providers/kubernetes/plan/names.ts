/**
 * Object names, derived only from spec names (never from positions), so that inserting or removing a rule renames
 * nothing. Names are DNS-1123 labels of at most 63 characters (Service names must be labels,
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names); a longer name keeps its
 * first 54 characters and a hash of the whole.
 */
import { createHash } from 'node:crypto';
import type { HostMatch } from '../../../lib/model/types';

const MAX = 63;

export function objectName(...parts: readonly string[]): string {
  const raw = parts
    .filter((p) => p.length > 0)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (raw.length <= MAX) return raw;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${raw.slice(0, MAX - 9).replace(/-$/, '')}-${hash}`;
}

/**
 * The name part of a host route: 'api-example-com-1a2b3c', 'wildcard-example-com-4d5e6f'. The hash of the host keeps
 * 'a-b.com' and 'a.b-com' apart.
 */
export function hostPart(host: HostMatch | undefined): string {
  if (!host) return '';
  const hash = createHash('sha256').update(host.value).digest('hex').slice(0, 6);
  return `${host.kind === 'wildcard' ? `wildcard${host.suffix.replace(/\./g, '-')}` : host.value.replace(/\./g, '-')}-${hash}`;
}
