/**
 * Checks the monitor.MetricAlert inputs an Azure program registers against @pulumi/azure-native's own input types
 * (no @azure/arm-monitor REST model is installed): MetricAlertArgs (monitor/metricAlert.d.ts) and the monitor
 * namespace of types/input.d.ts, read with the TypeScript parser: every property exists, required ones are present,
 * string literal types hold (odataType, criterionType), enum-typed values are known values of the monitor enums
 * (types/enums/monitor, e.g. Operator, AggregationTypeEnum), and primitives have their type. Then the documented
 * rules the types do not carry (DOCUMENTED_METRICS and the windows), each with its page.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { RecordedResource } from '../../support/pulumi';
import type { Finding } from './rest-check';

export const METRIC_ALERT = 'azure-native:monitor:MetricAlert';

interface Property {
  readonly type: string;
  readonly optional: boolean;
}
type Shape = ReadonlyMap<string, Property>;

const root = dirname(require.resolve('@pulumi/azure-native/package.json'));

function interfacesOf(file: string, within?: string): Map<string, Shape> {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, Shape>();
  const visit = (statements: ts.NodeArray<ts.Statement>) => {
    for (const node of statements) {
      if (ts.isInterfaceDeclaration(node)) {
        const props = new Map<string, Property>();
        for (const m of node.members)
          if (ts.isPropertySignature(m) && m.type) props.set(m.name.getText(source), { type: m.type.getText(source), optional: !!m.questionToken });
        out.set(node.name.text, props);
      }
    }
  };
  for (const node of source.statements) {
    if (!within) visit(source.statements);
    if (within && ts.isModuleDeclaration(node) && node.name.text === within && node.body && ts.isModuleBlock(node.body)) visit(node.body.statements);
    if (!within) break;
  }
  return out;
}

let models: { args: Shape; monitor: Map<string, Shape>; enums: Record<string, Record<string, string>> } | undefined;
function load() {
  if (!models) {
    models = {
      args: interfacesOf('monitor/metricAlert.d.ts').get('MetricAlertArgs')!,
      monitor: interfacesOf('types/input.d.ts', 'monitor'),
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      enums: require('@pulumi/azure-native/types/enums/monitor') as Record<string, Record<string, string>>,
    };
  }
  return models;
}

/** The type inside pulumi.Input<...>, without `| undefined`. */
const unwrap = (type: string): string => {
  const t = type.replace(/\s+/g, ' ').trim();
  const m = /^pulumi\.Input<(.*)>$/.exec(t);
  return (m ? unwrap(m[1]) : t).replace(/ \| undefined$/, '');
};

/**
 * What the documented metrics accept: namespace, dimensions and aggregations.
 * Application Gateway: https://learn.microsoft.com/azure/application-gateway/monitor-application-gateway-reference;
 * Load Balancer: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-loadbalancers-metrics
 * (both checked 2026-12-02).
 */
export const DOCUMENTED_METRICS: Readonly<Record<string, { namespace: string; dimensions: readonly string[]; aggregations: readonly string[] }>> = {
  ResponseStatus: { namespace: 'Microsoft.Network/applicationGateways', dimensions: ['HttpStatusGroup', 'BackendSettingsPool'], aggregations: ['Total'] },
  UnhealthyHostCount: {
    namespace: 'Microsoft.Network/applicationGateways',
    dimensions: ['BackendSettingsPool'],
    aggregations: ['Average', 'Minimum', 'Maximum'],
  },
  HealthyHostCount: {
    namespace: 'Microsoft.Network/applicationGateways',
    dimensions: ['BackendSettingsPool'],
    aggregations: ['Average', 'Minimum', 'Maximum'],
  },
  AzwafCustomRule: {
    namespace: 'Microsoft.Network/applicationGateways',
    dimensions: ['Action', 'CustomRuleID', 'PolicyName', 'PolicyScope'],
    aggregations: ['Total'],
  },
  DipAvailability: {
    namespace: 'Microsoft.Network/loadBalancers',
    dimensions: ['ProtocolType', 'BackendPort', 'FrontendIPAddress', 'FrontendPort', 'BackendIPAddress'],
    aggregations: ['Average'],
  },
};
/** windowSize and evaluationFrequency values of metric alerts (Microsoft.Insights/metricAlerts). */
const WINDOWS = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H', 'PT6H', 'PT12H', 'PT24H'];
const FREQUENCIES = ['PT1M', 'PT5M', 'PT15M', 'PT30M', 'PT1H'];

export class MetricAlertChecker {
  readonly findings: Finding[] = [];
  checked = 0;

  check(resources: readonly RecordedResource[]): void {
    for (const r of resources.filter((x) => x.type === METRIC_ALERT)) {
      this.checked++;
      const add = (path: string, rule: string, message: string) => this.findings.push({ resource: r.name, path, rule, message });
      const { args } = load();
      this.walk(args, 'MetricAlertArgs', r.inputs, '', add);
      const i = r.inputs as Record<string, any>;
      if (!WINDOWS.includes(i.windowSize)) add('windowSize', 'documented', `windowSize ${i.windowSize} is not one of ${WINDOWS.join(', ')}`);
      if (!FREQUENCIES.includes(i.evaluationFrequency))
        add('evaluationFrequency', 'documented', `evaluationFrequency ${i.evaluationFrequency} is not one of ${FREQUENCIES.join(', ')}`);
      else if (WINDOWS.indexOf(i.evaluationFrequency) > WINDOWS.indexOf(i.windowSize))
        add('evaluationFrequency', 'documented', 'evaluationFrequency is longer than windowSize');
      if (!(Number.isInteger(i.severity) && i.severity >= 0 && i.severity <= 4)) add('severity', 'documented', `severity ${i.severity} is not 0-4`);
      for (const [k, c] of ((i.criteria?.allOf ?? []) as Record<string, any>[]).entries()) {
        const metric = DOCUMENTED_METRICS[c.metricName];
        const at = `criteria.allOf[${k}]`;
        if (!metric) {
          add(`${at}.metricName`, 'documented', `metric ${c.metricName} is not in the documented table`);
          continue;
        }
        if (c.metricNamespace !== metric.namespace) add(`${at}.metricNamespace`, 'documented', `${c.metricName} is a metric of ${metric.namespace}`);
        if (!metric.aggregations.includes(c.timeAggregation))
          add(`${at}.timeAggregation`, 'documented', `${c.metricName} aggregates by ${metric.aggregations.join(', ')}`);
        for (const d of (c.dimensions ?? []) as Record<string, any>[])
          if (!metric.dimensions.includes(d.name)) add(`${at}.dimensions`, 'documented', `${c.metricName} has no dimension ${d.name}`);
      }
    }
  }

  private walk(shape: Shape, model: string, value: Record<string, unknown>, path: string, add: (path: string, rule: string, message: string) => void): void {
    for (const [key, v] of Object.entries(value)) {
      const where = path ? `${path}.${key}` : key;
      const p = shape.get(key);
      if (!p) add(where, 'unknown-property', `${model} has no property '${key}'`);
      else if (v !== undefined) this.value(unwrap(p.type), v, where, add);
    }
    for (const [name, p] of shape)
      if (!p.optional && value[name] === undefined) add(path ? `${path}.${name}` : name, 'required', `${model}.${name} is required`);
  }

  private value(type: string, v: unknown, where: string, add: (path: string, rule: string, message: string) => void): void {
    const { monitor, enums } = load();
    const array = /^pulumi\.Input<(.*)>\[\]$/.exec(type);
    if (array) {
      if (!Array.isArray(v)) return add(where, 'type', `expected a list, got ${JSON.stringify(v)}`);
      return v.forEach((item, i) => this.value(unwrap(array[1]), item, `${where}[${i}]`, add));
    }
    const alternatives = type.split(' | ');
    const literals = alternatives.filter((a) => /^".*"$/.test(a)).map((a) => a.slice(1, -1));
    const enumValues = alternatives.flatMap((a) => (a.startsWith('enums.monitor.') ? Object.values(enums[a.slice('enums.monitor.'.length)] ?? {}) : []));
    const interfaces = alternatives.filter((a) => a.startsWith('inputs.monitor.')).map((a) => a.slice('inputs.monitor.'.length));
    if (interfaces.length && v && typeof v === 'object') {
      // A union of criteria: the one whose odataType literal the value carries.
      const fitting = interfaces.find((n) => {
        const odata = monitor.get(n)?.get('odataType');
        return !odata || unwrap(odata.type) === JSON.stringify((v as Record<string, unknown>).odataType);
      });
      if (!fitting)
        return add(where, 'type', `no type of ${interfaces.join(', ')} takes odataType ${JSON.stringify((v as Record<string, unknown>).odataType)}`);
      return this.walk(monitor.get(fitting)!, fitting, v as Record<string, unknown>, where, add);
    }
    if (enumValues.length && typeof v === 'string') {
      if (!enumValues.includes(v)) add(where, 'enum', `'${v}' is not one of ${enumValues.join(', ')}`);
      return;
    }
    if (literals.length) {
      if (!literals.includes(v as string)) add(where, 'literal', `'${String(v)}' is not ${literals.join(' or ')}`);
      return;
    }
    for (const primitive of ['string', 'number', 'boolean'])
      if (alternatives.includes(primitive)) {
        if (typeof v !== primitive) add(where, 'type', `expected a ${primitive}, got ${JSON.stringify(v)}`);
        return;
      }
    if (!type.startsWith('{')) add(where, 'unmodelled-type', `type ${type} is not read by the checker`);
  }
}
