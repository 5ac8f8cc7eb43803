/**
 * Would a Cloud DNS record set deploy? A registered `gcp:dns/recordSet:RecordSet` is turned into the body of the
 * Cloud DNS API's ResourceRecordSet (the field names @pulumi/gcp 9.37, i.e. the Terraform google provider, maps
 * its inputs to), walked against the API's fields, and held to the rules the API reference and the routing
 * policy guide write down, each rule citing its text. There is no Cloud DNS client model among the project's
 * packages: the field lists below are the REST reference's (checked 2026-12-02).
 */
import { isIP } from 'node:net';
import type { RecordedResource } from '../../support/pulumi';
import type { Finding } from '../../gcp/api/compute-schema';

export const RECORD_SET = 'gcp:dns/recordSet:RecordSet';
const REFERENCE = 'https://cloud.google.com/dns/docs/reference/v1/resourceRecordSets';
const GUIDE = 'https://cloud.google.com/dns/docs/routing-policies-overview';
const PULUMI = '@pulumi/gcp 9.37 dns.RecordSetRoutingPolicy';

type Json = Record<string, any>;

/** The API's messages and their fields (REST reference, resourceRecordSets); `kind` is output-only everywhere. */
const MESSAGES: Readonly<Record<string, Readonly<Record<string, string | undefined>>>> = {
  ResourceRecordSet: { name: undefined, type: undefined, ttl: undefined, rrdatas: undefined, signatureRrdatas: undefined, routingPolicy: 'RRSetRoutingPolicy' },
  RRSetRoutingPolicy: { geo: 'GeoPolicy', wrr: 'WrrPolicy', primaryBackup: 'PrimaryBackupPolicy', healthCheck: undefined },
  GeoPolicy: { items: 'GeoPolicyItem', enableFencing: undefined },
  GeoPolicyItem: { location: undefined, rrdatas: undefined, signatureRrdatas: undefined, healthCheckedTargets: 'HealthCheckTargets' },
  WrrPolicy: { items: 'WrrPolicyItem' },
  WrrPolicyItem: { weight: undefined, rrdatas: undefined, signatureRrdatas: undefined, healthCheckedTargets: 'HealthCheckTargets' },
  PrimaryBackupPolicy: { primaryTargets: 'HealthCheckTargets', backupGeoTargets: 'GeoPolicy', trickleTraffic: undefined },
  HealthCheckTargets: { internalLoadBalancers: 'LoadBalancerTarget', externalEndpoints: undefined },
  LoadBalancerTarget: {
    loadBalancerType: undefined,
    ipAddress: undefined,
    port: undefined,
    ipProtocol: undefined,
    networkUrl: undefined,
    project: undefined,
    region: undefined,
  },
};

/** Inputs that are no field of the body: URL path parameters and Pulumi's own settings. */
const NOT_IN_BODY = new Set(['project', 'managedZone', 'deletionPolicy']);

/**
 * @pulumi/gcp's routing policy in the API's shape: wrrs -> wrr.items, geos (+ enableGeoFencing) -> geo.items
 * (+ enableFencing), primaryBackup.primary -> primaryTargets, backupGeos (+ enableGeoFencingForBackups) ->
 * backupGeoTargets.items (+ enableFencing), trickleRatio -> trickleTraffic. Any other key is kept under its
 * own name, so that the walk reports it.
 */
export function toApi(inputs: Json): Json {
  const body: Json = Object.fromEntries(Object.entries(inputs).filter(([k, v]) => !NOT_IN_BODY.has(k) && v !== undefined));
  const rp = inputs.routingPolicy as Json | undefined;
  if (!rp) return body;
  const { wrrs, geos, enableGeoFencing, primaryBackup, ...rest } = rp;
  const policy: Json = { ...rest };
  if (wrrs !== undefined) policy.wrr = { items: wrrs };
  if (geos !== undefined) policy.geo = { items: geos, ...(enableGeoFencing !== undefined ? { enableFencing: enableGeoFencing } : {}) };
  if (primaryBackup !== undefined) {
    const { primary, backupGeos, enableGeoFencingForBackups, trickleRatio, ...other } = primaryBackup as Json;
    policy.primaryBackup = {
      ...other,
      ...(primary !== undefined ? { primaryTargets: primary } : {}),
      ...(backupGeos !== undefined
        ? { backupGeoTargets: { items: backupGeos, ...(enableGeoFencingForBackups !== undefined ? { enableFencing: enableGeoFencingForBackups } : {}) } }
        : {}),
      ...(trickleRatio !== undefined ? { trickleTraffic: trickleRatio } : {}),
    };
  }
  return { ...body, routingPolicy: policy };
}

/** Field findings of a body against a message, recursively. */
function walk(message: string, value: Json, path: string, out: Array<{ path: string; rule: string; message: string }>): void {
  const fields = MESSAGES[message];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const at = path ? `${path}.${key}` : key;
    if (!(key in fields)) {
      out.push({ path: at, rule: 'field', message: `${message} has no field '${key}' (${REFERENCE})` });
      continue;
    }
    const nested = fields[key];
    if (!nested) continue;
    const items = Array.isArray(v) ? v : [v];
    items.forEach((item, i) => walk(nested, item as Json, Array.isArray(v) ? `${at}[${i}]` : at, out));
  }
}

/** Every HealthCheckTargets of a body's routing policy, with its path. */
function targetsOf(policy: Json | undefined): Array<{ at: string; targets: Json }> {
  if (!policy) return [];
  const items = (list: Json[] | undefined, at: string) =>
    (list ?? []).flatMap((item, i) =>
      item.healthCheckedTargets ? [{ at: `${at}[${i}].healthCheckedTargets`, targets: item.healthCheckedTargets as Json }] : [],
    );
  return [
    ...items(policy.wrr?.items, 'routingPolicy.wrr.items'),
    ...items(policy.geo?.items, 'routingPolicy.geo.items'),
    ...(policy.primaryBackup?.primaryTargets
      ? [{ at: 'routingPolicy.primaryBackup.primaryTargets', targets: policy.primaryBackup.primaryTargets as Json }]
      : []),
    ...items(policy.primaryBackup?.backupGeoTargets?.items, 'routingPolicy.primaryBackup.backupGeoTargets.items'),
  ];
}

/** Every policy item (wrr, geo, backup geo), with its path. */
function itemsOf(policy: Json | undefined): Array<{ at: string; item: Json }> {
  if (!policy) return [];
  const list = (l: Json[] | undefined, at: string) => (l ?? []).map((item, i) => ({ at: `${at}[${i}]`, item }));
  return [
    ...list(policy.wrr?.items, 'routingPolicy.wrr.items'),
    ...list(policy.geo?.items, 'routingPolicy.geo.items'),
    ...list(policy.primaryBackup?.backupGeoTargets?.items, 'routingPolicy.primaryBackup.backupGeoTargets.items'),
  ];
}

const ADDRESS_FAMILY: Readonly<Record<string, 4 | 6>> = { A: 4, AAAA: 6 };

export interface RecordRule {
  readonly id: string;
  readonly source: string;
  readonly check: (body: Json, all: readonly RecordedResource[]) => Array<{ path: string; message: string }>;
}

export const RECORD_RULES: readonly RecordRule[] = [
  {
    id: 'rrdata-or-policy',
    source: `${REFERENCE} (routingPolicy: "A valid ResourceRecordSet contains only rrdata (for static resolution) or a routingPolicy (for dynamic resolution)")`,
    check: (b) =>
      Boolean(b.rrdatas?.length) === Boolean(b.routingPolicy) ? [{ path: 'rrdatas', message: 'give rrdatas or a routingPolicy, exactly one' }] : [],
  },
  {
    id: 'one-policy',
    source: `${REFERENCE} (RRSetRoutingPolicy: union field routing_data, only one of geo, wrr, primaryBackup)`,
    check: (b) => {
      const p = b.routingPolicy as Json | undefined;
      if (!p) return [];
      const n = ['geo', 'wrr', 'primaryBackup'].filter((k) => p[k] !== undefined).length;
      return n === 1 ? [] : [{ path: 'routingPolicy', message: `${n} routing policies; exactly one of geo, wrr, primaryBackup` }];
    },
  },
  {
    id: 'health-checked-types',
    source: `${PULUMI}Geo.healthCheckedTargets ("For A and AAAA types only")`,
    check: (b) =>
      b.type in ADDRESS_FAMILY ? [] : targetsOf(b.routingPolicy).map((t) => ({ path: t.at, message: `health-checked targets on a ${b.type} record set` })),
  },
  {
    id: 'targets-one-kind',
    source:
      'https://googleapis.dev/dotnet/Google.Apis.Dns.v1/latest/api/Google.Apis.Dns.v1.Data.RRSetRoutingPolicyHealthCheckTargets.html ("Set either internal_load_balancer or external_endpoints. Do not set both.")',
    check: (b) =>
      targetsOf(b.routingPolicy)
        .filter((t) => Boolean(t.targets.internalLoadBalancers?.length) === Boolean(t.targets.externalEndpoints?.length))
        .map((t) => ({ path: t.at, message: 'set internalLoadBalancers or externalEndpoints, exactly one' })),
  },
  {
    id: 'external-load-balancers',
    source: `${GUIDE} (health checks of internal load balancers are available in private zones only; an external load balancer is an external endpoint)`,
    check: (b) =>
      targetsOf(b.routingPolicy)
        .filter((t) => t.targets.internalLoadBalancers?.length)
        .map((t) => ({
          path: `${t.at}.internalLoadBalancers`,
          message: "the regions' load balancers are external: list their addresses in externalEndpoints",
        })),
  },
  {
    id: 'external-needs-health-check',
    source: `${PULUMI}.healthCheck ("Specifies the health check (used with external endpoints)"); ${GUIDE} (health checks for external endpoints)`,
    check: (b) =>
      targetsOf(b.routingPolicy).some((t) => t.targets.externalEndpoints?.length) && !b.routingPolicy.healthCheck
        ? [{ path: 'routingPolicy.healthCheck', message: 'external endpoints without a health check' }]
        : [],
  },
  {
    id: 'health-check-source-regions',
    source:
      'https://cloud.google.com/compute/docs/reference/rest/v1/healthChecks (sourceRegions: "exactly 3 regions should be specified", "The checkIntervalSec field must be at least 30")',
    check: (b, all) => {
      const ref = b.routingPolicy?.healthCheck;
      if (ref === undefined) return [];
      const hc = all.find((r) => r.type === 'gcp:compute/healthCheck:HealthCheck' && `${r.name}-id` === ref);
      if (!hc) return [{ path: 'routingPolicy.healthCheck', message: `no registered global health check is ${String(ref)}` }];
      const i = hc.inputs as Json;
      return [
        ...((i.sourceRegions as unknown[] | undefined)?.length === 3
          ? []
          : [{ path: 'routingPolicy.healthCheck', message: 'its health check needs exactly 3 sourceRegions' }]),
        ...((i.checkIntervalSec ?? 5) >= 30
          ? []
          : [{ path: 'routingPolicy.healthCheck', message: `its health check probes every ${i.checkIntervalSec} s; at least 30` }]),
      ];
    },
  },
  {
    id: 'address-family',
    source: `${REFERENCE} (rrdatas as RFC 1035; externalEndpoints: "The format matches the format of ResourceRecordSet.rrdata"); https://cloud.google.com/dns/docs/records-overview (A: IPv4, AAAA: IPv6)`,
    check: (b) => {
      const family = ADDRESS_FAMILY[b.type as string];
      if (!family) return [];
      const lists = [
        { at: 'rrdatas', values: (b.rrdatas as unknown[] | undefined) ?? [] },
        ...itemsOf(b.routingPolicy).map((x) => ({ at: `${x.at}.rrdatas`, values: (x.item.rrdatas as unknown[] | undefined) ?? [] })),
        ...targetsOf(b.routingPolicy).map((t) => ({ at: `${t.at}.externalEndpoints`, values: (t.targets.externalEndpoints as unknown[] | undefined) ?? [] })),
      ];
      return lists.flatMap(({ at, values }) =>
        values
          .filter((v) => isIP(String(v)) !== family)
          .map((v) => ({ path: at, message: `'${String(v)}' is not an IPv${family} address (${b.type} record set)` })),
      );
    },
  },
  {
    id: 'geo-unique-location',
    source: `${REFERENCE} (GeoPolicy.items: "If there are multiple items with the same location, an error is returned instead")`,
    check: (b) =>
      [b.routingPolicy?.geo, b.routingPolicy?.primaryBackup?.backupGeoTargets].flatMap((g: Json | undefined, k) => {
        const locations = ((g?.items as Json[] | undefined) ?? []).map((i) => i.location as string);
        const twice = locations.filter((l, i) => locations.indexOf(l) !== i);
        return twice.length
          ? [{ path: k ? 'routingPolicy.primaryBackup.backupGeoTargets' : 'routingPolicy.geo', message: `locations twice: ${twice.join(', ')}` }]
          : [];
      }),
  },
  {
    id: 'wrr-weight',
    source: `${GUIDE} (WRR: each item's weight, 0 to 1000)`,
    check: (b) =>
      ((b.routingPolicy?.wrr?.items as Json[] | undefined) ?? [])
        .map((item, i) => ({ item, i }))
        .filter(({ item }) => typeof item.weight !== 'number' || item.weight < 0 || item.weight > 1000)
        .map(({ i, item }) => ({ path: `routingPolicy.wrr.items[${i}].weight`, message: `weight ${JSON.stringify(item.weight)}` })),
  },
  {
    id: 'primary-backup',
    source: `${PULUMI}PrimaryBackup (primary and backupGeos required); ${REFERENCE} (PrimaryBackupPolicy.trickleTraffic: a share of the traffic)`,
    check: (b) => {
      const pb = b.routingPolicy?.primaryBackup as Json | undefined;
      if (!pb) return [];
      return [
        ...(pb.primaryTargets ? [] : [{ path: 'routingPolicy.primaryBackup.primaryTargets', message: 'missing' }]),
        ...(pb.backupGeoTargets?.items?.length ? [] : [{ path: 'routingPolicy.primaryBackup.backupGeoTargets', message: 'no backup item' }]),
        ...(pb.trickleTraffic === undefined || (pb.trickleTraffic >= 0 && pb.trickleTraffic <= 1)
          ? []
          : [{ path: 'routingPolicy.primaryBackup.trickleTraffic', message: 'a fraction from 0 to 1' }]),
      ];
    },
  },
  {
    id: 'record-name',
    source: `${REFERENCE} (name: "For example, www.example.com."; ttl: seconds)`,
    check: (b) => [
      ...(/^([a-z0-9-]+\.)+$/i.test(String(b.name))
        ? []
        : [{ path: 'name', message: `'${String(b.name)}' is not a fully qualified name with its trailing dot` }]),
      ...(Number.isInteger(b.ttl) && b.ttl >= 0 ? [] : [{ path: 'ttl', message: `ttl ${JSON.stringify(b.ttl)}` }]),
    ],
  },
];

/** Every finding of the registered record sets: fields, then the rules. */
export function recordSetFindings(resources: readonly RecordedResource[]): Finding[] {
  return resources
    .filter((r) => r.type === RECORD_SET)
    .flatMap((r) => {
      const body = toApi(r.inputs as Json);
      const out: Array<{ path: string; rule: string; message: string }> = [];
      walk('ResourceRecordSet', body, '', out);
      for (const rule of RECORD_RULES) out.push(...rule.check(body, resources).map((f) => ({ ...f, rule: rule.id })));
      return out.map((f) => ({ resource: `${r.type}::${r.name}`, ...f }));
    });
}
