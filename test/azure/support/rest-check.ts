/**
 * Checks the inputs an Azure program registers (recorded under Pulumi's mocks) against the REST models of
 * @azure/arm-network (rest-models.ts) and the documented Application Gateway and Load Balancer limits:
 * - every property exists in the REST model (azure-native flattens `properties`, as the v39 models do) and
 *   is not read-only; required properties are present; types match (number, string, boolean, array, object);
 * - enum values are known values of the property's `KnownX` enum (or its literal union);
 * - numbers are within the range the property's documentation states;
 * - the documented rules the models do not carry (DOCUMENTED below, each with its page).
 * A finding names the resource, the JSON path, the rule and the value.
 */
import type { RecordedResource } from '../../support/pulumi';
import { documentedRange, loadRestModels, propertiesOf, type RestModels } from './rest-models';

export interface Finding {
  readonly resource: string;
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** azure-native resource type -> REST model, and the azure-native inputs that are URL parameters, not body. */
export const RESOURCE_MODELS: Readonly<Record<string, { model: string; urlParameters: readonly string[] }>> = {
  'azure-native:network:ApplicationGateway': { model: 'ApplicationGateway', urlParameters: ['applicationGatewayName', 'resourceGroupName'] },
  'azure-native:network:LoadBalancer': { model: 'LoadBalancer', urlParameters: ['loadBalancerName', 'resourceGroupName'] },
  'azure-native:network:PublicIPAddress': { model: 'PublicIPAddress', urlParameters: ['publicIpAddressName', 'resourceGroupName'] },
  'azure-native:network:WebApplicationFirewallPolicy': { model: 'WebApplicationFirewallPolicy', urlParameters: ['policyName', 'resourceGroupName'] },
};

const LIMITS = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits';
const LB_LIMITS = 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#load-balancer';
/** Application Gateway sub-resource names (ARM naming rules, Microsoft.Network): 1-80, letters, digits, '_', '.', '-'. */
const SUB_RESOURCE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

export class RestChecker {
  readonly findings: Finding[] = [];
  /** Resources checked against a REST model, and the other resource types met (not network models). */
  checked = 0;
  readonly unmodelled = new Map<string, number>();
  private readonly models: RestModels = loadRestModels();

  check(resources: readonly RecordedResource[]): void {
    for (const r of resources) {
      const target = RESOURCE_MODELS[r.type];
      if (!target) {
        this.unmodelled.set(r.type, (this.unmodelled.get(r.type) ?? 0) + 1);
        continue;
      }
      this.checked++;
      const body = toRestBody(Object.fromEntries(Object.entries(r.inputs).filter(([k]) => !target.urlParameters.includes(k))));
      for (const k of target.urlParameters)
        if (k !== 'resourceGroupName' && typeof r.inputs[k] !== 'string') this.add(r.name, k, 'url-parameter', `${k} is missing`);
      this.walk(r.name, target.model, body, '');
      for (const rule of DOCUMENTED[target.model] ?? []) rule(body, (path, name, message) => this.add(r.name, path, name, message));
    }
  }

  private add(resource: string, path: string, rule: string, message: string): void {
    this.findings.push({ resource, path, rule, message });
  }

  private walk(resource: string, model: string, value: Json, path: string): void {
    if (!isObject(value)) {
      this.add(resource, path, 'type', `expected an object (${model}), got ${JSON.stringify(value)}`);
      return;
    }
    const properties = propertiesOf(this.models, model);
    if (!properties.size) throw new Error(`no REST model ${model} in @azure/arm-network`);
    for (const [key, v] of Object.entries(value)) {
      const where = path ? `${path}.${key}` : key;
      const p = properties.get(key);
      if (!p) {
        this.add(resource, where, 'unknown-property', `${model} has no property '${key}'`);
        continue;
      }
      if (p.readonly) this.add(resource, where, 'read-only', `${model}.${key} is read-only`);
      if (v === undefined || v === null) continue;
      this.value(resource, `${model}.${key}`, p.type, v, where, p.doc);
    }
    for (const p of properties.values()) {
      if (!p.optional && !p.readonly && value[p.name] === undefined)
        this.add(resource, path ? `${path}.${p.name}` : p.name, 'required', `${model}.${p.name} is required`);
    }
  }

  private value(resource: string, field: string, type: string, v: Json, where: string, doc: string): void {
    if (type.endsWith('[]')) {
      if (!Array.isArray(v)) return this.add(resource, where, 'type', `${field} is a list, got ${JSON.stringify(v)}`);
      v.forEach((item, i) => this.value(resource, field, type.slice(0, -2), item, `${where}[${i}]`, doc));
      return;
    }
    if (type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) return this.add(resource, where, 'type', `${field} is a number, got ${JSON.stringify(v)}`);
      const range = documentedRange(doc);
      if (range && (v < range.min || (range.max !== undefined && v > range.max))) {
        this.add(resource, where, 'range', `${field} ${v} is outside the documented ${range.min}-${range.max ?? ''} ("${range.text}")`);
      }
      return;
    }
    if (type === 'string' || type === 'boolean') {
      if (typeof v !== type) this.add(resource, where, 'type', `${field} is a ${type}, got ${JSON.stringify(v)}`);
      return;
    }
    if (type.startsWith('Record<')) {
      if (!isObject(v)) this.add(resource, where, 'type', `${field} is a map, got ${JSON.stringify(v)}`);
      return;
    }
    const known = this.models.enums.get(type) ?? this.models.unions.get(type);
    if (known) {
      if (typeof v !== 'string' || !known.includes(v)) this.add(resource, where, 'enum', `${field} '${String(v)}' is not one of ${known.join(', ')}`);
      return;
    }
    if (this.models.interfaces.has(type)) return this.walk(resource, type, v, where);
    this.add(resource, where, 'unmodelled-type', `${field} has type ${type}, which the checker does not read`);
  }
}

/**
 * Where azure-native's input shape differs from the REST body it sends: `identity.userAssignedIdentities` is a
 * list of identity ids in azure-native (@pulumi/azure-native 3.28 types/input.d.ts
 * network.ManagedServiceIdentityArgs: "The dictionary values can be empty objects ({}) in requests") and a
 * map of id -> {} in the REST model (ManagedServiceIdentity.userAssignedIdentities: Record<string, ...>).
 */
function toRestBody(body: Record<string, Json>): Record<string, Json> {
  const identity = body.identity;
  if (isObject(identity) && Array.isArray(identity.userAssignedIdentities)) {
    return { ...body, identity: { ...identity, userAssignedIdentities: Object.fromEntries(identity.userAssignedIdentities.map((id) => [String(id), {}])) } };
  }
  return body;
}

type Report = (path: string, rule: string, message: string) => void;
type Body = Record<string, Json>;
const list = (v: Json): Body[] => (Array.isArray(v) ? v.filter(isObject) : []);

function count(report: Report, body: Body, key: string, max: number, page: string): void {
  const n = list(body[key]).length;
  if (n > max) report(key, 'limit', `${n} ${key}, the limit is ${max} (${page})`);
}

function uniqueNames(report: Report, body: Body, key: string): void {
  const names = list(body[key]).map((x) => x.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) report(`${key}[${i}].name`, 'unique-name', `two ${key} are named '${String(n)}'`);
    if (typeof n !== 'string' || !SUB_RESOURCE_NAME.test(n))
      report(`${key}[${i}].name`, 'name', `'${String(n)}' is not a valid sub-resource name (1-80: letters, digits, '_', '.', '-')`);
  });
}

/** What the REST models do not carry, by model, each rule citing its page. */
export const DOCUMENTED: Readonly<Record<string, ReadonlyArray<(body: Body, report: Report) => void>>> = {
  ApplicationGateway: [
    (b, r) => {
      for (const [key, max] of [
        ['frontendPorts', 100],
        ['backendAddressPools', 100],
        ['backendHttpSettingsCollection', 100],
        ['httpListeners', 100],
        ['requestRoutingRules', 400],
        ['redirectConfigurations', 100],
        ['sslCertificates', 100],
        ['frontendIPConfigurations', 4],
        ['trustedClientCertificates', 200],
      ] as const) {
        count(r, b, key, max, LIMITS);
      }
    },
    (b, r) =>
      list(b.urlPathMaps).forEach((m, i) => {
        const n = list(m.pathRules).length;
        if (n > 100) r(`urlPathMaps[${i}].pathRules`, 'limit', `${n} path rules in one URL map, the limit is 100 (${LIMITS})`);
        const paths = list(m.pathRules).flatMap((p) => (Array.isArray(p.paths) ? p.paths.map((x) => String(x).toLowerCase()) : []));
        paths.forEach((p, j) => {
          if (paths.indexOf(p) !== j) r(`urlPathMaps[${i}].pathRules`, 'unique-path', `path '${p}' is listed twice in one URL map`);
        });
      }),
    (b, r) =>
      list(b.httpListeners).forEach((l, i) => {
        const hosts = Array.isArray(l.hostNames) ? l.hostNames : [];
        if (hosts.length > 5) r(`httpListeners[${i}].hostNames`, 'limit', `${hosts.length} host names on one listener, the limit is 5 (${LIMITS})`);
      }),
    // Routing-rule priority: 1-20000, one per rule (https://learn.microsoft.com/azure/application-gateway/multiple-site-overview,
    // "Request routing rules evaluation order"; the REST spec's minimum 1, maximum 20000, which v39 dropped).
    (b, r) => {
      const priorities = list(b.requestRoutingRules).map((x) => x.priority);
      priorities.forEach((p, i) => {
        if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 20000)
          r(`requestRoutingRules[${i}].priority`, 'range', `priority ${String(p)} is outside 1-20000`);
        else if (priorities.indexOf(p) !== i) r(`requestRoutingRules[${i}].priority`, 'unique-priority', `priority ${p} is held by another routing rule`);
      });
    },
    (b, r) =>
      [
        'frontendPorts',
        'backendAddressPools',
        'backendHttpSettingsCollection',
        'httpListeners',
        'requestRoutingRules',
        'redirectConfigurations',
        'urlPathMaps',
        'probes',
        'sslCertificates',
        'sslProfiles',
        'frontendIPConfigurations',
        'trustedClientCertificates',
      ].forEach((k) => uniqueNames(r, b, k)),
    // One listener per frontend IP, port and host names (application-gateway-components, Listeners).
    (b, r) => {
      const keys = list(b.httpListeners).map((l) =>
        JSON.stringify([(l.frontendIPConfiguration as Body)?.id, (l.frontendPort as Body)?.id, [...((l.hostNames as string[]) ?? [])].sort()]),
      );
      keys.forEach((k, i) => {
        if (keys.indexOf(k) !== i) r(`httpListeners[${i}]`, 'unique-listener', 'two listeners share frontend IP, port and host names');
      });
    },
  ],
  WebApplicationFirewallPolicy: [
    // policySettings.customBlockResponseStatusCode: 200, 403, 405, 406, 429, 990-999
    // (https://learn.microsoft.com/azure/web-application-firewall/ag/configure-custom-response-code).
    (b, r) => {
      const status = (b.policySettings as Body | undefined)?.customBlockResponseStatusCode;
      if (
        status !== undefined &&
        !([200, 403, 405, 406, 429] as unknown[]).includes(status) &&
        !(typeof status === 'number' && status >= 990 && status <= 999)
      ) {
        r('policySettings.customBlockResponseStatusCode', 'enum', `block status ${String(status)} is not 200, 403, 405, 406, 429 or 990-999`);
      }
    },
    // Custom rules: at most 100 per policy, unique priorities and names, names of letters and digits up to 128
    // (custom-waf-rules-overview; limits page "Maximum WAF custom rules per WAF policy"); IP ranges per match
    // condition 600 with CRS 3.2, string match values 10 (limits page).
    (b, r) => {
      const rules = list(b.customRules);
      if (rules.length > 100) r('customRules', 'limit', `${rules.length} custom rules, the limit is 100 (${LIMITS})`);
      const priorities = rules.map((x) => x.priority);
      const names = rules.map((x) => x.name);
      rules.forEach((rule, i) => {
        if (priorities.indexOf(rule.priority) !== i)
          r(`customRules[${i}].priority`, 'unique-priority', `priority ${String(rule.priority)} is held by another custom rule`);
        if (names.indexOf(rule.name) !== i) r(`customRules[${i}].name`, 'unique-name', `two custom rules are named '${String(rule.name)}'`);
        if (typeof rule.name !== 'string' || !/^[A-Za-z0-9]{1,128}$/.test(rule.name))
          r(`customRules[${i}].name`, 'name', `custom rule name '${String(rule.name)}' is not letters and digits (1-128)`);
        if (rule.ruleType === 'RateLimitRule' && (!rule.rateLimitDuration || !rule.rateLimitThreshold))
          r(`customRules[${i}]`, 'required', 'a RateLimitRule needs rateLimitDuration and rateLimitThreshold');
        list(rule.matchConditions).forEach((c, j) => {
          const values = Array.isArray(c.matchValues) ? c.matchValues : [];
          const max = c.operator === 'IPMatch' ? 600 : 10;
          if (values.length > max)
            r(`customRules[${i}].matchConditions[${j}].matchValues`, 'limit', `${values.length} match values, the limit is ${max} (${LIMITS})`);
        });
      });
    },
  ],
  LoadBalancer: [
    (b, r) => count(r, b, 'loadBalancingRules', 1500, LB_LIMITS),
    (b, r) => ['frontendIPConfigurations', 'backendAddressPools', 'probes', 'loadBalancingRules'].forEach((k) => uniqueNames(r, b, k)),
    // Probe interval >= 5 s (load-balancer-custom-probe-overview); rule idle timeout 4-100 minutes
    // (load-balancer-tcp-idle-timeout): stricter and newer than the models' documentation (STALE below).
    (b, r) =>
      list(b.loadBalancingRules).forEach((rule, i) => {
        const t = rule.idleTimeoutInMinutes;
        if (t !== undefined && (typeof t !== 'number' || t < 4 || t > 100))
          r(`loadBalancingRules[${i}].idleTimeoutInMinutes`, 'range', `idle timeout ${String(t)} min is outside 4-100`);
      }),
  ],
};

/**
 * Findings that rest on stale SDK documentation, each with the evidence that the service accepts the value.
 * A finding is stale only when its rule, model field and value match an entry.
 */
export const STALE: ReadonlyArray<{ readonly field: string; readonly rule: string; readonly accepts: (value: number) => boolean; readonly evidence: string }> =
  [
    {
      field: 'LoadBalancingRule.idleTimeoutInMinutes',
      rule: 'range',
      accepts: (v) => v >= 4 && v <= 100,
      evidence:
        '@azure/arm-network 39 LoadBalancingRule.idleTimeoutInMinutes says "between 4 and 30 minutes"; the Load Balancer docs say ' +
        '"a default timeout range of 4 minutes to 100 minutes for Load Balancer rules, Outbound Rules, and Inbound NAT rules" ' +
        '(https://learn.microsoft.com/azure/load-balancer/load-balancer-tcp-idle-timeout, ms.date 02/12/2024, checked 2026-12-02)',
    },
  ];

export function isStale(f: Finding): boolean {
  return STALE.some((s) => f.rule === s.rule && f.message.startsWith(`${s.field} `) && s.accepts(Number(f.message.slice(s.field.length + 1).split(' ')[0])));
}
