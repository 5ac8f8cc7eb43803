/**
 * Would it deploy: every resource input the Azure component registers (under Pulumi's mocks), for the example
 * specs and 300+ seeded generated specs (strict: false, every feature the Azure columns accept), checked
 * against @azure/arm-network's REST models and the documented Application Gateway and Load Balancer limits
 * (support/rest-check.ts). 0 findings apart from the stale SDK documentation listed in STALE with evidence;
 * planted faults show the checker catches what it claims to.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as pulumi from '@pulumi/pulumi';
import { mockPulumi, settle, type RecordedResource } from '../support/pulumi';

const recorder = mockPulumi((type, _name, inputs) => {
  if (type === 'azure-native:network:PublicIPAddress') return { ipAddress: inputs.publicIPAddressVersion === 'IPv6' ? '2001:db8::10' : '203.0.113.10' };
  return {};
});

import { buildModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { loadSpecFile } from '../../lib/spec/load';
import { TARGETS } from '../../providers';
import { AZURE_BACKEND, LoadBalancer, type AzureLoadBalancerProps, type AzurePlan } from '../../providers/azure';
import { coherentSpec } from '../support/arbitraries';
import { specArb } from '../conformance/arbitraries';
import { EXAMPLES, GATEWAY_SUBNET, IDENTITY, MEMBER_SUBNET, RESOURCE_GROUP, SUBSCRIPTION, VNET, WORKSPACE } from './helpers';
import { azureSpecArb } from './support/azure-specs';
import { isStale, RestChecker, STALE, type Finding } from './support/rest-check';
import { METRIC_ALERT, MetricAlertChecker } from './support/monitor-check';

let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
afterAll(() => warn.mockRestore());

/** Placement that fits the plan: subnets, addresses, a secret per certificate, members per pool. */
function placementFor(model: LoadBalancerModel, plan: AzurePlan): AzureLoadBalancerProps {
  const lbPools = new Set(plan.loadBalancer?.backendAddressPools.map((p) => p.pool) ?? []);
  const agwPools = new Set(plan.applicationGateway?.backendAddressPools.map((p) => p.pool) ?? []);
  const dual = model.ipAddressType === 'dualstack';
  return {
    resourceGroupName: RESOURCE_GROUP,
    location: 'westeurope',
    subscriptionId: SUBSCRIPTION,
    model,
    ...(plan.applicationGateway
      ? {
          applicationGateway: {
            subnetId: GATEWAY_SUBNET,
            identityId: IDENTITY,
            privateIPAddress: '10.0.3.10',
            ...(dual ? { privateIPv6Address: 'fd00::10' } : {}),
          },
        }
      : {}),
    ...(plan.loadBalancer ? { loadBalancer: { subnetId: MEMBER_SUBNET, virtualNetworkId: VNET } } : {}),
    certificates: Object.fromEntries(model.certificates.map((c) => [c.name, `https://kv.vault.azure.net/secrets/${c.name}`])),
    trustStores: Object.fromEntries(model.trustStores.map((t) => [t.name, 'LS0tLS1CRUdJTg=='])),
    ...(model.accessLogs ? { accessLogs: { workspaceId: WORKSPACE } } : {}),
    // Every place the spec's alarms notify (the generated specs use 'ops'; examples/specs/ops.yaml also 'pager').
    actionGroups: Object.fromEntries(
      [...new Set(['ops', ...model.alarms.flatMap((a) => (a.notify ? [a.notify] : []))])].map((g) => [
        g,
        `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Insights/actionGroups/${g}`,
      ]),
    ),
    bindings: Object.fromEntries(
      model.pools
        .filter((p) => lbPools.has(p.name) || agwPools.has(p.name))
        .map((p) => [
          p.name,
          lbPools.has(p.name)
            ? { ipAddresses: ['10.0.1.4'], ...(dual ? { ipv6Addresses: ['fd00::4'] } : {}) }
            : { ipAddresses: ['10.0.1.5'], fqdns: ['member.internal.example.com'] },
        ]),
    ),
  };
}

/** The component for a spec (registering under the mocks), or why it was not planned. */
function construct(spec: LoadBalancerSpec, name: string): LoadBalancer | string {
  let model: LoadBalancerModel;
  try {
    model = buildModel({ ...spec, strict: false });
  } catch (e) {
    // The shared generators also draw specs lbkit rejects (unknown pools, bad regexes): not deployable input.
    return `invalid spec: ${(e as Error).message.split('\n')[0]}`;
  }
  const planned = AZURE_BACKEND.plan({ model, knownTargets: TARGETS });
  // strict: false still refuses what a target cannot express (unsupported cells): not Azure input.
  if (!planned.plan || planned.problems.length) return planned.problems[0]?.message ?? 'no plan';
  try {
    return new LoadBalancer(name, placementFor(model, planned.plan));
  } catch (e) {
    // The plan passed, so the component must take it: a refusal here is a finding of its own.
    refused.push({ name, error: (e as Error).message });
    return 'refused by the component';
  }
}

const EXAMPLE_FILES = readdirSync(EXAMPLES)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();
const GENERATED = [
  ...fc.sample(azureSpecArb, { numRuns: 300, seed: 20261202 }).map((spec, i) => ({ label: `azure #${i}`, spec })),
  ...fc.sample(specArb('azure-appgw'), { numRuns: 30, seed: 7002 }).map((spec, i) => ({ label: `conformance #${i}`, spec })),
  ...fc.sample(coherentSpec, { numRuns: 30, seed: 42 }).map((spec, i) => ({ label: `coherent #${i}`, spec })),
];

const checker = new RestChecker();
const alertChecker = new MetricAlertChecker();
const rendered: Array<{ label: string; resources: RecordedResource[] }> = [];
const skipped: Array<{ label: string; why: string }> = [];
const refused: Array<{ name: string; error: string }> = [];

// Components are built in batches and settled together (registration under the mocks is the slow part);
// each child is parented to its component, whose name is unique.
const BATCH = 40;
beforeAll(async () => {
  // Pulumi records a stack trace for every promise it makes (runtime/debuggable.js), and source maps make
  // each one costly: most of this test's time. Rendering needs none of them.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    await renderAll();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  for (const r of rendered) {
    checker.check(r.resources);
    alertChecker.check(r.resources);
  }
}, 900_000);

async function renderAll(): Promise<void> {
  const inputs = [...EXAMPLE_FILES.map((f) => ({ label: f, spec: loadSpecFile(join(EXAMPLES, f)) })), ...GENERATED];
  for (let start = 0; start < inputs.length; start += BATCH) {
    recorder.reset();
    const batch = inputs.slice(start, start + BATCH).map(({ label, spec }, i) => ({ label, name: `s${start + i}`, built: construct(spec, `s${start + i}`) }));
    await settle(
      recorder,
      batch.flatMap((b) => (typeof b.built === 'string' ? [] : [b.built])),
    );
    for (const b of batch) {
      if (typeof b.built === 'string') skipped.push({ label: b.label, why: b.built });
      else rendered.push({ label: b.label, resources: recorder.resources.filter((r) => r.parent === b.name) });
    }
  }
}

const describeFindings = (fs: readonly Finding[]) => fs.map((f) => `${f.resource} ${f.path}: [${f.rule}] ${f.message}`);

test('examples and >= 300 generated specs render; every network resource is checked', () => {
  const generated = rendered.filter((r) => !EXAMPLE_FILES.includes(r.label));
  expect(generated.length).toBeGreaterThanOrEqual(300);
  expect(rendered.filter((r) => EXAMPLE_FILES.includes(r.label)).length).toBeGreaterThanOrEqual(3);
  expect(checker.checked).toBeGreaterThan(600);
  // Resource types outside @azure/arm-network's models: the lock, the diagnostic setting and the metric alerts
  // (checked against azure-native's monitor input types by support/monitor-check.ts).
  expect([...checker.unmodelled.keys()].sort()).toEqual(
    ['azure-native:authorization:ManagementLockByScope', 'azure-native:monitor:DiagnosticSetting', METRIC_ALERT].filter((t) => checker.unmodelled.has(t)),
  );
  expect(alertChecker.checked).toBe(checker.unmodelled.get(METRIC_ALERT));
  expect(alertChecker.checked).toBeGreaterThan(100);
  console.log(
    `azure deploy validity: ${rendered.length} specs rendered (${rendered.length - generated.length} examples), ${skipped.length} not planned, ` +
      `${checker.checked} resources checked against @azure/arm-network REST models, ${checker.findings.length} findings (${checker.findings.filter(isStale).length} stale), ` +
      `${alertChecker.checked} metric alerts checked against azure-native's monitor types, ${alertChecker.findings.length} findings`,
  );
});

test('the generated specs reach every feature Azure accepts', () => {
  const all = rendered.flatMap((r) => r.resources);
  const agw = all.filter((r) => r.type === 'azure-native:network:ApplicationGateway').map((r) => JSON.stringify(r.inputs));
  const lb = all.filter((r) => r.type === 'azure-native:network:LoadBalancer').map((r) => JSON.stringify(r.inputs));
  const waf = all.filter((r) => r.type === 'azure-native:network:WebApplicationFirewallPolicy').map((r) => JSON.stringify(r.inputs));
  for (const needle of [
    '"PathBasedRouting"',
    '"hostNames":["*.',
    '"targetUrl"',
    '"targetListener"',
    '"CustomV2"',
    '"trustedClientCertificates":[{',
    '"cookieBasedAffinity":"Enabled"',
    '"privateIPAllocationMethod":"Static"',
    '"Https"',
    '"rewriteRuleSets":[{',
    '"rewriteRuleSet":{"id"',
    '"modifiedPath"',
    '"var_uri_path"',
    '"headerValue":""',
  ]) {
    expect({ needle, found: agw.some((s) => s.includes(needle)) }).toEqual({ needle, found: true });
  }
  for (const needle of ['"Udp"', '"SourceIP"', '"AllProbedUp"', '"Https"', '"IPv6"'])
    expect({ needle, found: lb.some((s) => s.includes(needle)) }).toEqual({ needle, found: true });
  expect(lb.some((s) => /"idleTimeoutInMinutes":(3[1-9]|[4-9]\d)/.test(s))).toBe(true);
  for (const needle of [
    '"FiveMins"',
    '"OneMin"',
    '"RequestUri"',
    '"customBlockResponseStatusCode":405',
    '"IPMatch"',
    '"GeoMatch"',
    '"ProtectionIpDeny"',
    '"ProtectionIpAllow"',
    '"Microsoft_DefaultRuleSet"',
    '"Microsoft_BotManagerRuleSet"',
  ])
    expect({ needle, found: waf.some((s) => s.includes(needle)) }).toEqual({ needle, found: true });
  // DDoS IP Protection on gateway and load balancer addresses; metric alerts of both.
  const ips = all.filter((r) => r.type === 'azure-native:network:PublicIPAddress' && JSON.stringify(r.inputs).includes('"ddosSettings"'));
  expect(new Set(ips.map((r) => r.name.replace(/^s\d+-/, '').split('-')[0]))).toEqual(new Set(['agw', 'lb']));
  const alerts = all.filter((r) => r.type === METRIC_ALERT).map((r) => JSON.stringify(r.inputs));
  for (const needle of ['"DipAvailability"', '"UnhealthyHostCount"', '"HealthyHostCount"', '"ResponseStatus"', '"AzwafCustomRule"', '"actionGroupId"'])
    expect({ needle, found: alerts.some((s) => s.includes(needle)) }).toEqual({ needle, found: true });
});

test('0 findings, apart from the stale SDK documentation listed with its evidence', () => {
  expect(refused).toEqual([]);
  expect(describeFindings(alertChecker.findings)).toEqual([]);
  expect(describeFindings(checker.findings.filter((f) => !isStale(f)))).toEqual([]);
  // Each stale entry is still needed: the SDK still says so and a spec still reaches it.
  for (const s of STALE)
    expect({ field: s.field, reached: checker.findings.some((f) => isStale(f) && f.message.startsWith(s.field)) }).toEqual({ field: s.field, reached: true });
});

describe('teeth: planted faults are caught', () => {
  const first = (type: string) =>
    rendered
      .flatMap((r) => r.resources)
      .find((r) => r.type === type && (type !== 'azure-native:network:WebApplicationFirewallPolicy' || (r.inputs.customRules as unknown[]).length > 1))!;
  const clone = (r: RecordedResource, change: (inputs: Record<string, any>) => void): RecordedResource => {
    const inputs = JSON.parse(JSON.stringify(r.inputs));
    change(inputs);
    return { ...r, inputs };
  };
  const AGW = 'azure-native:network:ApplicationGateway';
  const LB = 'azure-native:network:LoadBalancer';
  const WAF = 'azure-native:network:WebApplicationFirewallPolicy';
  const IP = 'azure-native:network:PublicIPAddress';
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  // One fault a row: the mutation sets one input (`void` keeps each a statement, not a returned value).
  const faults: Array<[string, string, (i: Record<string, any>) => void, string]> = [
    ['misspelt property', AGW, (i) => void (i.httpListeners[0].hostname = 'a.example.com'), 'unknown-property'],
    [
      'misspelt rewrite property',
      AGW,
      (i) =>
        void (i.rewriteRuleSets = [
          { name: 'set', rewriteRules: [{ name: 'set_r', ruleSequence: 100, actionSet: { urlConfiguration: { modifedPath: '/x' } } }] },
        ]),
      'unknown-property',
    ],
    ['property outside properties', AGW, (i) => void (i.backendHttpSettingsCollection[0].properties = { port: 80 }), 'unknown-property'],
    ['read-only property', AGW, (i) => void (i.provisioningState = 'Succeeded'), 'read-only'],
    ['enum value in the wrong case', AGW, (i) => void (i.httpListeners[0].protocol = 'HTTP'), 'enum'],
    ['probe interval 0', AGW, (i) => void (i.probes[0].interval = 0), 'range'],
    ['unhealthy threshold 21', AGW, (i) => void (i.probes[0].unhealthyThreshold = 21), 'range'],
    ['request timeout as a string', AGW, (i) => void (i.backendHttpSettingsCollection[0].requestTimeout = '30'), 'type'],
    ['drain 3601 s', AGW, (i) => void (i.backendHttpSettingsCollection[0].connectionDraining = { enabled: true, drainTimeoutInSec: 3601 }), 'range'],
    ['routing priority 20001', AGW, (i) => void (i.requestRoutingRules[0].priority = 20001), 'range'],
    [
      'two rules, one priority',
      AGW,
      (i) => {
        i.requestRoutingRules.push({ ...i.requestRoutingRules[0], name: 'copy' });
      },
      'unique-priority',
    ],
    [
      '101 listeners',
      AGW,
      (i) => void (i.httpListeners = range(101).map((n) => ({ ...i.httpListeners[0], name: `l${n}`, hostNames: [`h${n}.example.com`] }))),
      'limit',
    ],
    ['101 backend pools', AGW, (i) => void (i.backendAddressPools = range(101).map((n) => ({ name: `p${n}` }))), 'limit'],
    ['101 frontend ports', AGW, (i) => void (i.frontendPorts = range(101).map((n) => ({ name: `port-${n}`, port: 8000 + n }))), 'limit'],
    [
      '101 path rules in a URL map',
      AGW,
      (i) => void (i.urlPathMaps = [{ name: 'm', pathRules: range(101).map((n) => ({ name: `r${n}`, paths: [`/p${n}`] })) }]),
      'limit',
    ],
    [
      'a path twice in a URL map',
      AGW,
      (i) => {
        i.urlPathMaps = [
          {
            name: 'm',
            pathRules: [
              { name: 'a', paths: ['/x'] },
              { name: 'b', paths: ['/X'] },
            ],
          },
        ];
      },
      'unique-path',
    ],
    ['6 host names on a listener', AGW, (i) => void (i.httpListeners[0].hostNames = range(6).map((n) => `h${n}.example.com`)), 'limit'],
    ['a sub-resource name with a space', AGW, (i) => void (i.probes[0].name = 'my probe'), 'name'],
    [
      'two listeners on one address, port and host',
      AGW,
      (i) => {
        i.httpListeners.push({ ...i.httpListeners[0], name: 'twin' });
      },
      'unique-listener',
    ],
    ['LB idle timeout 101 min', LB, (i) => void (i.loadBalancingRules[0].idleTimeoutInMinutes = 101), 'range'],
    ['LB frontend port 65535', LB, (i) => void (i.loadBalancingRules[0].frontendPort = 65535), 'range'],
    ['LB probe interval 4 s', LB, (i) => void (i.probes[0].intervalInSeconds = 4), 'range'],
    ['LB probe protocol Udp', LB, (i) => void (i.probes[0].protocol = 'Udp'), 'enum'],
    ['WAF block status 404', WAF, (i) => void (i.policySettings.customBlockResponseStatusCode = 404), 'enum'],
    ['WAF rule name with a dash', WAF, (i) => void (i.customRules[0].name = 'per-client'), 'name'],
    ['DDoS protection mode not a known value', IP, (i) => void (i.ddosSettings = { protectionMode: 'On' }), 'enum'],
    ['WAF country match spelt as Azure PowerShell writes it', WAF, (i) => void (i.customRules[0].matchConditions[0].operator = 'Geomatch'), 'enum'],
    [
      'WAF rule without priority',
      WAF,
      (i) => {
        delete i.customRules[0].priority;
      },
      'required',
    ],
    ['WAF duplicate priority', WAF, (i) => void (i.customRules[1].priority = i.customRules[0].priority), 'unique-priority'],
    [
      'WAF rate limit duration TenMins',
      WAF,
      (i) => {
        i.customRules.push({ ...i.customRules[0], name: 'Ten', priority: 98, ruleType: 'RateLimitRule', rateLimitDuration: 'TenMins', rateLimitThreshold: 5 });
      },
      'enum',
    ],
    [
      'WAF rate limit threshold 0',
      WAF,
      (i) => {
        i.customRules.push({ ...i.customRules[0], name: 'Zero', priority: 97, ruleType: 'RateLimitRule', rateLimitDuration: 'OneMin', rateLimitThreshold: 0 });
      },
      'range',
    ],
    [
      'WAF 601 IP ranges',
      WAF,
      (i) => {
        i.customRules[0].matchConditions[0].matchValues = range(601).map((n) => `10.${n >> 8}.${n & 255}.0/24`);
        i.customRules[0].matchConditions[0].operator = 'IPMatch';
      },
      'limit',
    ],
    ['public IP version IPv5', IP, (i) => void (i.publicIPAddressVersion = 'IPv5'), 'enum'],
  ];

  test.each(faults)('%s', (_label, type, plant, rule) => {
    const fresh = new RestChecker();
    fresh.check([first(type)]);
    expect(describeFindings(fresh.findings.filter((f) => !isStale(f)))).toEqual([]);
    fresh.check([clone(first(type), plant)]);
    expect(fresh.findings.filter((f) => !isStale(f)).map((f) => f.rule)).toContain(rule);
  });

  test(`${faults.length} planted faults, each caught`, () => {
    let caught = 0;
    for (const [, type, plant, rule] of faults) {
      const fresh = new RestChecker();
      fresh.check([clone(first(type), plant)]);
      if (fresh.findings.some((f) => f.rule === rule && !isStale(f))) caught++;
    }
    console.log(`azure deploy validity teeth: ${caught} of ${faults.length} planted faults caught`);
    expect(caught).toBe(faults.length);
  });
});
