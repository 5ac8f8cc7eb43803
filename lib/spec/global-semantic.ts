/**
 * Cross-field rules of a global spec (global-schema.ts holds the structural ones): every problem at once, each
 * with its path and a fix. The regional LoadBalancer specs are read by the model (lib/model/global.ts), which
 * reports their problems under the region's path.
 */
import type { SpecIssue } from '../errors';
import type { GlobalSpec } from './global-schema';

const inZone = (host: string, zone: string) => {
  const h = host.toLowerCase();
  const z = zone.toLowerCase();
  return h === z || h.endsWith(`.${z}`);
};

/** The region fields that only one steering policy reads, and the steering that would read them. */
const STEERING_FIELDS = [
  { field: 'priority', only: 'failover', use: 'policy: failover' },
  { field: 'weight', only: 'weighted', use: 'policy: weighted' },
  { field: 'geo', only: 'geo', use: 'policy: geo, default: <region>' },
] as const;

export function globalSemanticIssues(spec: GlobalSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const names = spec.regions.map((r) => r.name);

  spec.hostNames.forEach((host, i) => {
    if (!inZone(host, spec.zone))
      issues.push({
        path: `hostNames[${i}]`,
        message: `'${host}' is not inside the zone '${spec.zone}'`,
        fix: `use a name ending in '.${spec.zone}', or set zone to the zone that holds '${host}'`,
      });
    const first = spec.hostNames.findIndex((h) => h.toLowerCase() === host.toLowerCase());
    if (first !== i) issues.push({ path: `hostNames[${i}]`, message: `'${host}' is listed twice (first at hostNames[${first}])`, fix: 'remove the duplicate' });
  });

  names.forEach((n, i) => {
    const first = names.indexOf(n);
    if (first !== i)
      issues.push({
        path: `regions[${i}].name`,
        message: `region name '${n}' is used twice (first at regions[${first}])`,
        fix: 'give every region its own name',
      });
  });

  const policy = spec.steering?.policy;
  if (!spec.steering && spec.regions.length > 1) {
    issues.push({
      path: 'steering',
      message: `${spec.regions.length} regions need a steering policy`,
      fix: 'add steering: { policy: latency } (or geo, failover, weighted)',
    });
  }
  if (spec.steering?.policy === 'geo') {
    const d = spec.steering.default;
    if (!names.includes(d)) issues.push({ path: 'steering.default', message: `no region is named '${d}'`, fix: `use one of: ${names.join(', ')}` });
  }

  spec.regions.forEach((r, i) => {
    const at = `regions[${i}]`;
    if (policy === 'failover' && r.priority === undefined)
      issues.push({
        path: `${at}.priority`,
        message: `failover steering needs a priority for region '${r.name}'`,
        fix: 'add priority: 1 for the primary, 2 for the next, ...',
      });
    for (const { field, only, use } of STEERING_FIELDS)
      if (policy !== only && r[field] !== undefined)
        issues.push({
          path: `${at}.${field}`,
          message: `${field} only applies to ${only} steering (steering is ${policy ?? 'none'})`,
          fix: `remove ${field}, or use steering: { ${use} }`,
        });
    if (r.geo && !r.geo.continents && !r.geo.countries && !r.geo.subdivisions)
      issues.push({
        path: `${at}.geo`,
        message: 'geo lists no continent, country or subdivision',
        fix: 'add continents, countries or subdivisions, or remove geo',
      });
    if (r.location.subdivision && r.location.country && !r.location.subdivision.startsWith(`${r.location.country}-`)) {
      issues.push({
        path: `${at}.location.subdivision`,
        message: `'${r.location.subdivision}' is not in country '${r.location.country}'`,
        fix: `use a subdivision starting with '${r.location.country}-'`,
      });
    }
  });

  if (policy === 'failover') {
    const seen = new Map<number, number>();
    spec.regions.forEach((r, i) => {
      if (r.priority === undefined) return;
      const first = seen.get(r.priority);
      if (first !== undefined)
        issues.push({
          path: `regions[${i}].priority`,
          message: `priority ${r.priority} is used twice (first at regions[${first}])`,
          fix: 'give every region its own priority: the order of failover must be unambiguous',
        });
      else seen.set(r.priority, i);
    });
  }
  if (policy === 'weighted' && spec.regions.every((r) => (r.weight ?? 1) === 0)) {
    issues.push({
      path: 'regions',
      message: 'every region has weight 0: no region would ever be chosen first',
      fix: 'give at least one region a weight above 0',
    });
  }
  if (policy === 'geo') {
    // One place served by two regions would make the answer depend on list order, which no cloud promises.
    const owner = new Map<string, string>();
    spec.regions.forEach((r, i) => {
      const places = [...(r.geo?.continents ?? []), ...(r.geo?.countries ?? []), ...(r.geo?.subdivisions ?? [])];
      for (const place of places) {
        const other = owner.get(place);
        if (other !== undefined && other !== r.name)
          issues.push({ path: `regions[${i}].geo`, message: `'${place}' is already served by region '${other}'`, fix: `keep '${place}' in one region only` });
        else owner.set(place, r.name);
      }
    });
  }

  const hc = spec.healthCheck;
  if (hc?.timeoutSeconds !== undefined && hc.intervalSeconds !== undefined && hc.timeoutSeconds >= hc.intervalSeconds) {
    issues.push({
      path: 'healthCheck.timeoutSeconds',
      message: `timeout ${hc.timeoutSeconds} s is not below the interval ${hc.intervalSeconds} s`,
      fix: 'use a timeout shorter than the interval',
    });
  }
  if (hc?.path !== undefined && hc.protocol === 'tcp')
    issues.push({ path: 'healthCheck.path', message: 'a tcp health check has no path', fix: 'remove path, or use protocol http or https' });
  if (spec.delivery === 'anycast' && spec.ttlSeconds !== undefined && spec.regions.length > 1) {
    // Not an error: the TTL still applies to the record that points at the anycast address.
  }
  return issues;
}
