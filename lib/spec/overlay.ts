/**
 * Per-target overrides (`targets: { <target id>: <overlay> }`): what must differ on one target, in the same
 * file. An overlay is applied to the spec before it is validated for that target:
 *
 * - objects merge key by key; `null` removes a key;
 * - lists of named items (frontends, pools, rateLimits, alarms, certificates, trustStores, a frontend's rules) merge by
 *   `name`: an item with a name the spec has merges into it, a new name is appended;
 * - every other list, and the union-valued fields (an action, a match, a key, a scope, session persistence),
 *   is replaced whole, so that an overlay can swap a weighted split for a plain forward.
 *
 * The merged spec is validated by the same schema as the spec itself.
 */

const NAMED_LISTS: ReadonlySet<string> = new Set(['frontends', 'pools', 'rateLimits', 'certificates', 'trustStores', 'rules', 'alarms']);
const REPLACED: ReadonlySet<string> = new Set([
  'action',
  'defaultAction',
  'match',
  'key',
  'scope',
  'sessionPersistence',
  'redirectHttpToHttps',
  'geo',
  'managedRules',
]);

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeNamed(base: unknown, overlay: unknown[]): unknown[] {
  const out = Array.isArray(base) ? [...base] : [];
  for (const item of overlay) {
    const name = isPlain(item) ? item.name : undefined;
    const at = typeof name === 'string' ? out.findIndex((x) => isPlain(x) && x.name === name) : -1;
    if (at >= 0) out[at] = mergeObject(out[at] as Plain, item as Plain);
    else out.push(item);
  }
  return out;
}

function mergeObject(base: Plain, overlay: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete out[key];
    else if (Array.isArray(value) && NAMED_LISTS.has(key)) out[key] = mergeNamed(out[key], value);
    else if (isPlain(value) && isPlain(out[key]) && !REPLACED.has(key)) out[key] = mergeObject(out[key] as Plain, value);
    else out[key] = value;
  }
  return out;
}

/** The spec one target gets: `spec` with `overlay` applied (neither is changed), without the `targets` map. */
export function applyOverlay(spec: Plain, overlay: Plain): Plain {
  const { targets: _targets, ...base } = spec;
  const { targets: _nested, ...rest } = overlay;
  return mergeObject(base, rest);
}
