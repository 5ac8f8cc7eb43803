/**
 * Bounds on what a spec may hold, checked before the work they bound: the file's size before it is parsed,
 * nesting and the number of values while the parsed text becomes data (so YAML aliases and merge keys cannot
 * expand a small file into a huge one), and the length of each list by the schema before the cross-field
 * checks. Real specs stay far below every bound; each is here so that a hostile or broken file fails in
 * milliseconds with a message instead of exhausting memory.
 */
export const SPEC_LIMITS = {
  /**
   * Largest YAML spec file. The YAML parser keeps a syntax tree with positions (about 150 bytes of heap per
   * byte of input and ~0.7 s per MiB measured here), so a 1 MiB file costs at most ~150 MB and about a second.
   * A spec with 5,000 rules and 5,000 pools is ~1 MiB of YAML.
   */
  yamlBytes: 1024 * 1024,
  /** Largest JSON spec file: JSON.parse needs ~10 bytes of heap per byte and ~20 ms per MiB. */
  jsonBytes: 4 * 1024 * 1024,
  /** Deepest nesting of lists and objects. A valid spec nests 7 levels; JSON Schema editors cope with 64. */
  depth: 64,
  /** Most values (scalars, lists and objects, after alias and merge expansion) a document may hold. */
  values: 500_000,
  /** Most frontends (listeners): each is a port of one load balancer. */
  frontends: 1000,
  /** Most rules of one frontend. */
  rulesPerFrontend: 10_000,
  /** Most pools. */
  pools: 10_000,
  /** Most entries of any other list (hosts of a rule, CIDRs, rate limits, certificates, tags...). */
  listEntries: 1000,
} as const;

/** Keys that would reach an object's prototype machinery if code ever assigned them: refused everywhere. */
export const SPECIAL_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A byte count as people read it: 1 MiB, 4 MiB, 512 KiB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
