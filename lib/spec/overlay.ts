/**
 * Per-target overrides (`targets: { <target id>: <overlay> }`): what must differ on one target, in the same
 * file. An overlay is applied to the spec before it is validated for that target:
 *
 * - objects merge key by key; `null` removes a key;
 * - lists of named items (frontends, pools, rateLimits, alarms, certificates, trustStores, a frontend's rules) merge by
 *   `name`: an item with a name the spec has merges into it, a new name is appended, and an item
 *   `{ name, $patch: delete }` (Kubernetes strategic-merge-patch's directive) removes the item of that name, for
 *   what one target cannot have at all (an alarm on a metric the cloud does not publish);
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

/** A `$patch` directive that cannot be carried out: where (in the overlay) and why. */
export interface OverlayDirectiveIssue {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

function mergeNamed(base: unknown, overlay: unknown[], at: string, issues: OverlayDirectiveIssue[]): unknown[] {
  const out = Array.isArray(base) ? [...base] : [];
  overlay.forEach((item, k) => {
    const name = isPlain(item) ? item.name : undefined;
    const found = typeof name === 'string' ? out.findIndex((x) => isPlain(x) && x.name === name) : -1;
    const directive = isPlain(item) ? item.$patch : undefined;
    if (directive !== undefined) {
      if (directive !== 'delete')
        issues.push({ path: `${at}[${k}].$patch`, message: `'${String(directive)}' is not a directive`, fix: 'write $patch: delete' });
      else if (found < 0)
        issues.push({ path: `${at}[${k}]`, message: `nothing named '${String(name)}' to delete`, fix: 'name an item of the spec, or remove this entry' });
      else out.splice(found, 1);
      return;
    }
    if (found >= 0) out[found] = mergeObject(out[found] as Plain, item as Plain, `${at}[${k}]`, issues);
    else out.push(item);
  });
  return out;
}

function mergeObject(base: Plain, overlay: Plain, at: string, issues: OverlayDirectiveIssue[]): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const path = at ? `${at}.${key}` : key;
    if (value === null) delete out[key];
    else if (Array.isArray(value) && NAMED_LISTS.has(key)) out[key] = mergeNamed(out[key], value, path, issues);
    else if (isPlain(value) && isPlain(out[key]) && !REPLACED.has(key)) out[key] = mergeObject(out[key] as Plain, value, path, issues);
    else out[key] = value;
  }
  return out;
}

/**
 * The spec one target gets: `spec` with `overlay` applied (neither is changed), without the `targets` map.
 * `$patch` directives that cannot be carried out are skipped and reported in `issues` (paths within the overlay).
 */
export function applyOverlay(spec: Plain, overlay: Plain, issues: OverlayDirectiveIssue[] = []): Plain {
  const { targets: _targets, ...base } = spec;
  const { targets: _nested, ...rest } = overlay;
  return mergeObject(base, rest, '', issues);
}
