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
/** What the backend service classes take besides the message's fields and the URL path parameters. */
const BACKEND_SERVICE: Omit<ResourceMapping, 'message'> = {
  notInMessage: {
    securityPolicy:
      'the API sets it through backendServices.setSecurityPolicy (BackendService.securityPolicy is output-only); @pulumi/gcp 9.37 BackendServiceArgs.securityPolicy calls it',
  },
  renamed: { connectionDrainingTimeoutSec: 'connection_draining.draining_timeout_sec' },
  // @pulumi/gcp 9.37 BackendServiceArgs.healthChecks: one health check ("Currently at most one health check can be specified").
  single: ['healthChecks'],
};
// @pulumi/gcp 9.37 TargetTCPProxyArgs.backendService is the API's TargetTcpProxy.service (likewise SSL).
const TARGET_PROXY_SERVICE = { renamed: { backendService: 'service' } };

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

/**
 * The @pulumi/gcp compute classes (type token `gcp:compute/<class, first letter lower case>:<class>`) that create
 * one message (a global and a regional class, mostly), each mapped to it. Every one also takes the URL path
 * parameters (PATH_PARAMS) besides the message's fields.
 */
function classesOf(classes: readonly string[], message: string, more: Omit<ResourceMapping, 'message'> = {}): Array<[string, ResourceMapping]> {
  const mapping = { ...more, message, notInMessage: { ...PATH_PARAMS, ...more.notInMessage } };
  return classes.map((c) => [`gcp:compute/${c[0].toLowerCase()}${c.slice(1)}:${c}`, mapping]);
}

/** Every @pulumi/gcp compute type the component registers. Types outside Compute (Certificate Manager, Network Security) are listed in SKIPPED. */
export const MAPPINGS: Readonly<Record<string, ResourceMapping>> = Object.fromEntries([
  ...classesOf(['BackendService', 'RegionBackendService'], 'BackendService', BACKEND_SERVICE),
  ...classesOf(['HealthCheck', 'RegionHealthCheck'], 'HealthCheck'),
  ...classesOf(['URLMap', 'RegionUrlMap'], 'UrlMap', { renamed: ROUTE_RULE_HEADER_ACTION }),
  ...classesOf(['TargetHttpProxy', 'RegionTargetHttpProxy'], 'TargetHttpProxy'),
  ...classesOf(['TargetHttpsProxy', 'RegionTargetHttpsProxy'], 'TargetHttpsProxy'),
  ...classesOf(['TargetTCPProxy', 'RegionTargetTcpProxy'], 'TargetTcpProxy', TARGET_PROXY_SERVICE),
  ...classesOf(['TargetSSLProxy'], 'TargetSslProxy', TARGET_PROXY_SERVICE),
  ...classesOf(['GlobalForwardingRule', 'ForwardingRule'], 'ForwardingRule'),
  ...classesOf(['GlobalAddress', 'Address'], 'Address'),
  ...classesOf(['SecurityPolicy', 'RegionSecurityPolicy'], 'SecurityPolicy'),
  ...classesOf(['NetworkEdgeSecurityService'], 'NetworkEdgeSecurityService'),
  ...classesOf(['SSLPolicy', 'RegionSslPolicy'], 'SslPolicy'),
  ...classesOf(['SSLCertificate', 'RegionSslCertificate', 'ManagedSslCertificate'], 'SslCertificate'),
  ...classesOf(['Firewall'], 'Firewall', { renamed: { allows: 'allowed', 'allows[].protocol': 'I_p_protocol' } }),
  ...classesOf(['Subnetwork'], 'Subnetwork'),
  ...classesOf(['NetworkEndpointGroup', 'RegionNetworkEndpointGroup'], 'NetworkEndpointGroup'),
  ...classesOf(['NetworkEndpoint'], 'NetworkEndpoint', {
    notInMessage: { networkEndpointGroup: 'URL path parameter (networkEndpointGroups.attachNetworkEndpoints)' },
  }),
  ...classesOf(['InstanceGroupNamedPort'], 'NamedPort', { notInMessage: { group: 'URL path parameter (instanceGroups.setNamedPorts)' } }),
]);

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
