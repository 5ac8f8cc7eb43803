/** Stable names for Azure resources and sub-resources, derived from spec names and values, never positions. */
import { createHash } from 'node:crypto';
import type { HostMatch } from '../../../lib/model/types';
import type { IpVersion } from './types';

/** Sub-resource names of a load balancer or gateway: 1-80 letters, digits, '_', '.', '-'. */
const MAX_CHILD_NAME = 80;

/**
 * Joins parts with '_'. Spec names and host names never contain '_', so 'https_api.example.com' (listener of
 * frontend 'https' for host 'api.example.com') cannot collide with another frontend's or host's name. A name
 * over 80 characters keeps its start and gains a hash of the whole.
 */
export function childName(...parts: readonly string[]): string {
  const name = parts.filter((p) => p !== '').join('_');
  if (name.length <= MAX_CHILD_NAME) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_CHILD_NAME - hash.length - 1)}-${hash}`;
}

/** A host value as a name part: '*.example.com' -> 'star.example.com'. */
export function hostPart(host: HostMatch | string): string {
  const value = typeof host === 'string' ? host : host.value;
  return value.replace(/^\*\./, 'star.');
}

/** '' for IPv4 (names stay the same when a load balancer becomes dual-stack), 'ipv6' for the IPv6 twin. */
export function versionSuffix(version: IpVersion): string {
  return version === 'IPv4' ? '' : 'ipv6';
}

/**
 * WAF custom rule names: letters and digits only (Azure rejects '-'), so 'per-client' becomes 'PerClient'.
 * Distinct spec names can collide ('a-1' and 'a1'); the WAF plan checks uniqueness.
 */
export function wafRuleName(...parts: readonly string[]): string {
  return parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 128);
}
