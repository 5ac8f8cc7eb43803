/**
 * The Compute API's schema as @google-cloud/compute 7.8.0 ships it (build/protos/google/cloud/compute/v1/
 * compute.proto, parsed with protobufjs), and a walker that holds a registered @pulumi/gcp resource's inputs
 * against the message the resource creates: field names (Pulumi's camelCase to the API's fields), value types,
 * and enum values (the proto documents a string field's values as a nested enum: "Check the X enum for the list
 * of possible values").
 */
import { readFileSync } from 'node:fs';
import * as protobuf from 'protobufjs';

export const PROTO_PATH = 'node_modules/@google-cloud/compute/build/protos/google/cloud/compute/v1/compute.proto';
const PACKAGE = 'google.cloud.compute.v1';

export interface Finding {
  /** `<type token>::<resource name>`. */
  readonly resource: string;
  /** Dotted input path, e.g. 'pathMatchers[0].routeRules[1].priority'. */
  readonly path: string;
  /** A stable rule id: 'field', 'type', 'enum', 'required', or a cross-field rule's id (rules.ts). */
  readonly rule: string;
  readonly message: string;
}

let cached: protobuf.Root | undefined;
/** The parsed compute.proto (about 0.4 s, once per test file). */
export function computeRoot(): protobuf.Root {
  cached ??= protobuf.parse(readFileSync(PROTO_PATH, 'utf8'), { keepCase: true, alternateCommentMode: true }).root;
  return cached;
}
export const message = (name: string): protobuf.Type => computeRoot().lookupType(`${PACKAGE}.${name}`);

/** How one Pulumi resource type maps to the API: its message, and the inputs that are not fields of it. */
export interface ResourceMapping {
  readonly message: string;
  /** Inputs Pulumi takes that the message does not carry (URL path parameters, provider settings), with why. */
  readonly notInMessage?: Readonly<Record<string, string>>;
  /**
   * Inputs Pulumi names or nests differently: input name (nested: 'allows[].protocol') -> API field name, or a
   * dotted path for a field Pulumi flattens out of a nested message.
   */
  readonly renamed?: Readonly<Record<string, string>>;
  /** Inputs Pulumi takes as one value where the API field is repeated. */
  readonly single?: readonly string[];
}

const PATH_PARAMS = {
  project: 'URL path parameter',
  region: 'URL path parameter (regional resources)',
  zone: 'URL path parameter (zonal resources)',
  deletionPolicy: 'Pulumi-only: whether Pulumi may delete the resource',
};
const BACKEND_SERVICE: ResourceMapping = {
  message: 'BackendService',
  notInMessage: {
    ...PATH_PARAMS,
    securityPolicy:
      'the API sets it through backendServices.setSecurityPolicy (BackendService.securityPolicy is output-only); @pulumi/gcp 9.37 BackendServiceArgs.securityPolicy calls it',
  },
  renamed: { connectionDrainingTimeoutSec: 'connection_draining.draining_timeout_sec' },
  // @pulumi/gcp 9.37 BackendServiceArgs.healthChecks: one health check ("Currently at most one health check can be specified").
  single: ['healthChecks'],
};

/**
 * @pulumi/gcp 9.37 URLMapPathMatcherRouteRuleHeaderAction (and RegionUrlMap's) names the API's repeated
 * HttpHeaderAction fields in the plural: requestHeadersToAdds is requestHeadersToAdd, and so on.
 */
const ROUTE_RULE_HEADER_ACTION: Readonly<Record<string, string>> = Object.fromEntries(
  ['requestHeadersToAdd', 'requestHeadersToRemove', 'responseHeadersToAdd', 'responseHeadersToRemove'].map((f) => [
    `pathMatchers[].routeRules[].headerAction.${f}s`,
    f,
  ]),
);

/** Every @pulumi/gcp compute type the component registers. Types outside Compute (Certificate Manager, Network Security) are listed in SKIPPED. */
export const MAPPINGS: Readonly<Record<string, ResourceMapping>> = {
  'gcp:compute/backendService:BackendService': BACKEND_SERVICE,
  'gcp:compute/regionBackendService:RegionBackendService': BACKEND_SERVICE,
  'gcp:compute/healthCheck:HealthCheck': { message: 'HealthCheck', notInMessage: PATH_PARAMS },
  'gcp:compute/regionHealthCheck:RegionHealthCheck': { message: 'HealthCheck', notInMessage: PATH_PARAMS },
  'gcp:compute/uRLMap:URLMap': { message: 'UrlMap', notInMessage: PATH_PARAMS, renamed: ROUTE_RULE_HEADER_ACTION },
  'gcp:compute/regionUrlMap:RegionUrlMap': { message: 'UrlMap', notInMessage: PATH_PARAMS, renamed: ROUTE_RULE_HEADER_ACTION },
  'gcp:compute/targetHttpProxy:TargetHttpProxy': { message: 'TargetHttpProxy', notInMessage: PATH_PARAMS },
  'gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy': { message: 'TargetHttpProxy', notInMessage: PATH_PARAMS },
  'gcp:compute/targetHttpsProxy:TargetHttpsProxy': { message: 'TargetHttpsProxy', notInMessage: PATH_PARAMS },
  'gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy': { message: 'TargetHttpsProxy', notInMessage: PATH_PARAMS },
  // @pulumi/gcp 9.37 TargetTCPProxyArgs.backendService is the API's TargetTcpProxy.service (likewise SSL).
  'gcp:compute/targetTCPProxy:TargetTCPProxy': { message: 'TargetTcpProxy', notInMessage: PATH_PARAMS, renamed: { backendService: 'service' } },
  'gcp:compute/regionTargetTcpProxy:RegionTargetTcpProxy': { message: 'TargetTcpProxy', notInMessage: PATH_PARAMS, renamed: { backendService: 'service' } },
  'gcp:compute/targetSSLProxy:TargetSSLProxy': { message: 'TargetSslProxy', notInMessage: PATH_PARAMS, renamed: { backendService: 'service' } },
  'gcp:compute/globalForwardingRule:GlobalForwardingRule': { message: 'ForwardingRule', notInMessage: PATH_PARAMS },
  'gcp:compute/forwardingRule:ForwardingRule': { message: 'ForwardingRule', notInMessage: PATH_PARAMS },
  'gcp:compute/globalAddress:GlobalAddress': { message: 'Address', notInMessage: PATH_PARAMS },
  'gcp:compute/address:Address': { message: 'Address', notInMessage: PATH_PARAMS },
  'gcp:compute/securityPolicy:SecurityPolicy': { message: 'SecurityPolicy', notInMessage: PATH_PARAMS },
  'gcp:compute/regionSecurityPolicy:RegionSecurityPolicy': { message: 'SecurityPolicy', notInMessage: PATH_PARAMS },
  'gcp:compute/networkEdgeSecurityService:NetworkEdgeSecurityService': { message: 'NetworkEdgeSecurityService', notInMessage: PATH_PARAMS },
  'gcp:compute/sSLPolicy:SSLPolicy': { message: 'SslPolicy', notInMessage: PATH_PARAMS },
  'gcp:compute/regionSslPolicy:RegionSslPolicy': { message: 'SslPolicy', notInMessage: PATH_PARAMS },
  'gcp:compute/sSLCertificate:SSLCertificate': { message: 'SslCertificate', notInMessage: PATH_PARAMS },
  'gcp:compute/regionSslCertificate:RegionSslCertificate': { message: 'SslCertificate', notInMessage: PATH_PARAMS },
  'gcp:compute/managedSslCertificate:ManagedSslCertificate': { message: 'SslCertificate', notInMessage: PATH_PARAMS },
  'gcp:compute/firewall:Firewall': { message: 'Firewall', notInMessage: PATH_PARAMS, renamed: { allows: 'allowed', 'allows[].protocol': 'I_p_protocol' } },
  'gcp:compute/subnetwork:Subnetwork': { message: 'Subnetwork', notInMessage: PATH_PARAMS },
  'gcp:compute/networkEndpointGroup:NetworkEndpointGroup': { message: 'NetworkEndpointGroup', notInMessage: PATH_PARAMS },
  'gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup': { message: 'NetworkEndpointGroup', notInMessage: PATH_PARAMS },
  'gcp:compute/networkEndpoint:NetworkEndpoint': {
    message: 'NetworkEndpoint',
    notInMessage: { ...PATH_PARAMS, networkEndpointGroup: 'URL path parameter (networkEndpointGroups.attachNetworkEndpoints)' },
  },
  'gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort': {
    message: 'NamedPort',
    notInMessage: { ...PATH_PARAMS, group: 'URL path parameter (instanceGroups.setNamedPorts)' },
  },
};

/** Registered types that are not Compute resources (no message in compute.proto): counted, not checked. */
export const SKIPPED = new Set([
  'lbkit:gcp:LoadBalancer',
  'gcp:certificatemanager/trustConfig:TrustConfig',
  'gcp:networksecurity/serverTlsPolicy:ServerTlsPolicy',
]);

const norm = (name: string) => name.replace(/_/g, '').toLowerCase();

function fieldOf(type: protobuf.Type, name: string): protobuf.Field | undefined {
  return type.fieldsArray.find((f) => norm(f.name) === norm(name));
}

/** The enum a string field documents ("Check the X enum for the list of possible values"), searched from the field's message outwards. */
function enumOf(type: protobuf.Type, field: protobuf.Field): string[] | undefined {
  const named = /Check the (\w+) enum for the list of possible values/.exec(field.comment ?? '')?.[1];
  if (!named) return undefined;
  for (let scope: protobuf.NamespaceBase | null = type; scope; scope = scope.parent) {
    const found = scope.nested?.[named];
    if (found instanceof protobuf.Enum) return Object.keys(found.values).filter((v) => !/^UNDEFINED_/.test(v));
  }
  return undefined;
}

const INT_RANGES: Readonly<Record<string, [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** Pulumi's mocks record a secret as { <signature>: ..., value }: the API sees the value. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
export const unsecret = (v: unknown): unknown => (v && typeof v === 'object' && SECRET_SIG in v ? (v as unknown as { value: unknown }).value : v);

/** Type and enum findings of one value against its field. */
function checkValue(
  type: protobuf.Type,
  field: protobuf.Field,
  raw: unknown,
  path: string,
  out: Array<Omit<Finding, 'resource'>>,
  renamed: Readonly<Record<string, string>>,
  renamedPrefix: string,
): void {
  const value = unsecret(raw);
  if (field instanceof protobuf.MapField) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string'))
      out.push({ path, rule: 'type', message: `${field.name} is a map of strings; got ${JSON.stringify(value)}` });
    return;
  }
  if (field.repeated && !Array.isArray(value)) {
    out.push({ path, rule: 'type', message: `${field.name} is repeated; got ${typeof value}` });
    return;
  }
  const values = field.repeated ? (value as unknown[]) : [value];
  values.forEach((v, i) => {
    const at = field.repeated ? `${path}[${i}]` : path;
    if (v === undefined || v === null) return;
    const resolved = field.resolvedType ?? (field.parent as protobuf.Type).lookup(field.type);
    if (resolved instanceof protobuf.Type) {
      if (typeof v !== 'object' || Array.isArray(v))
        out.push({ path: at, rule: 'type', message: `${field.name} is a ${resolved.name} message; got ${JSON.stringify(v)}` });
      else walk(resolved, v as Record<string, unknown>, at, out, renamed, `${renamedPrefix}${field.repeated ? '[]' : ''}.`);
      return;
    }
    if (field.type === 'string') {
      if (typeof v !== 'string') {
        out.push({ path: at, rule: 'type', message: `${field.name} is a string; got ${JSON.stringify(v)}` });
        return;
      }
      const allowed = enumOf(type, field);
      if (allowed && !allowed.includes(v)) out.push({ path: at, rule: 'enum', message: `${field.name} '${v}' is not one of ${allowed.join(', ')}` });
    } else if (field.type === 'bool') {
      if (typeof v !== 'boolean') out.push({ path: at, rule: 'type', message: `${field.name} is a bool; got ${JSON.stringify(v)}` });
    } else if (field.type in INT_RANGES) {
      const [lo, hi] = INT_RANGES[field.type];
      // 64-bit integers may come as decimal strings: the proto3 JSON mapping writes them so, and @pulumi/gcp types
      // some as strings (9.37 URLMapPathMatcherRouteRuleRouteActionTimeout.seconds: Input<string>).
      const n = /^(int|uint)64$/.test(field.type) && typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < lo || n > hi)
        out.push({ path: at, rule: 'type', message: `${field.name} is ${field.type}; got ${JSON.stringify(v)}` });
    } else if (field.type === 'double' || field.type === 'float') {
      if (typeof v !== 'number' || !Number.isFinite(v))
        out.push({ path: at, rule: 'type', message: `${field.name} is ${field.type}; got ${JSON.stringify(v)}` });
    }
  });
}

/** Field-name, type and enum findings of an input object against a message. */
export function walk(
  type: protobuf.Type,
  inputs: Record<string, unknown>,
  prefix: string,
  out: Array<Omit<Finding, 'resource'>>,
  renamed: Readonly<Record<string, string>> = {},
  renamedPrefix = '',
): void {
  for (const [name, value] of Object.entries(inputs)) {
    if (value === undefined) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const target = renamed[`${renamedPrefix}${name}`];
    if (target?.includes('.')) {
      // A nested API field Pulumi flattens ('connection_draining.draining_timeout_sec'): walk the object it stands for.
      const [head, ...rest] = target.split('.');
      const outer = fieldOf(type, head);
      if (!outer) {
        out.push({ path, rule: 'field', message: `${type.name} has no field ${head}` });
        continue;
      }
      const inner = (outer.resolvedType ?? type.lookup(outer.type)) as protobuf.Type;
      const nestedField = fieldOf(inner, rest.join('.'));
      if (!nestedField) {
        out.push({ path, rule: 'field', message: `${inner.name} has no field ${rest.join('.')}` });
        continue;
      }
      checkValue(inner, nestedField, value, path, out, renamed, `${renamedPrefix}${name}`);
      continue;
    }
    const field = fieldOf(type, target ?? name);
    if (!field) {
      out.push({ path, rule: 'field', message: `${type.name} has no field '${name}'` });
      continue;
    }
    checkValue(type, field, value, path, out, renamed, `${renamedPrefix}${name}`);
  }
}

/** Field, type and enum findings of one registered resource; undefined for a type the mapping does not know. */
export function schemaFindings(type: string, resourceName: string, inputs: Record<string, unknown>): Finding[] | undefined {
  const mapping = MAPPINGS[type];
  if (!mapping) return undefined;
  const own = Object.fromEntries(
    Object.entries(inputs)
      .filter(([k]) => !(k in (mapping.notInMessage ?? {})) && k !== 'name')
      .map(([k, v]) => [k, mapping.single?.includes(k) && v !== undefined && !Array.isArray(v) ? [v] : v]),
  );
  const out: Array<Omit<Finding, 'resource'>> = [];
  walk(message(mapping.message), own, '', out, mapping.renamed);
  return out.map((f) => ({ resource: `${type}::${resourceName}`, ...f }));
}
