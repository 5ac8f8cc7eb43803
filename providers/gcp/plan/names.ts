/** Stable names for GCP sub-resources and URL-map parts, derived from spec names and values, never positions. */

/** Lower-case letters, digits and '-' (GCP resource and path-matcher names, RFC 1035). */
export function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A short, stable hash (FNV-1a, base 36) that keeps slugged names unique. */
export function shortHash(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 7);
}

/**
 * `prefix-slug(value)` for each value, at most 63 characters and unique: a value whose slug is too long or
 * collides with another's gets a hash of the value appended.
 */
export function uniqueNames(prefix: string, values: readonly string[]): string[] {
  const plain = values.map((v) => [prefix, slug(v)].filter(Boolean).join('-'));
  return plain.map((name, i) => {
    const clash = plain.some((other, j) => j !== i && other === name);
    if (!clash && name.length <= 63) return name;
    const hash = shortHash(values[i]);
    return `${name.slice(0, 63 - hash.length - 1).replace(/-+$/, '')}-${hash}`;
  });
}
