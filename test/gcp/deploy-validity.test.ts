/**
 * Would it deploy? Every resource input the GCP component registers (Pulumi mocks) for the example specs and
 * the README placement, held against the Compute API's schema (compute.proto of @google-cloud/compute 7.8.0:
 * field names, types, enum values) and the cross-field rules the API documents (api/rules.ts). The generated
 * deployments are deploy-generated-*.test.ts. The checker's teeth: planted faults, each caught.
 */
import { GCP_BACKEND } from '../../providers/gcp/backend';
import { readdirSync } from 'node:fs';
import { buildModel, loadModel } from '../../lib/model/build';
import { mockPulumi, type RecordedResource } from '../support/pulumi';
import { check, describeFindings, failing, render } from './api/deploy-check';
import { RULES } from './api/rules';
import { autonamed, hostnamesSpec, placeAnything, webProps } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('the example specs and the README placement', () => {
  // Examples GCP cannot express even with strict: false (an unsupported cell, which no opt-in lifts) have no
  // deployment to check; the capability tests hold those refusals.
  const all = readdirSync('examples/specs')
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const files = all.filter((f) => !GCP_BACKEND.plan({ model: { ...loadModel(`examples/specs/${f}`), strict: false } }).problems.length);
  test('every example GCP can compile is checked; the others are refused by unsupported cells', () => {
    expect(files).toEqual(expect.arrayContaining(['web.yaml', 'grpc.yaml']));
    for (const f of all.filter((x) => !files.includes(x))) {
      const problems = GCP_BACKEND.plan({ model: { ...loadModel(`examples/specs/${f}`), strict: false } }).problems;
      expect(problems.every((p) => p.capability?.level === 'unsupported')).toBe(true);
    }
  });

  test.each(files)('%s (strict: false), every resource valid', async (file) => {
    const model = loadModel(`examples/specs/${file}`);
    const result = check(await render(rec, file.replace(/\.ya?ml$/, ''), placeAnything({ ...model, strict: false })));
    expect(result.resources).toBeGreaterThan(3);
    expect(describeFindings(failing(result))).toEqual([]);
  });

  test("README's web.yaml with Cloud Run, global and regional", async () => {
    for (const props of [webProps(), webProps({ global: false, region: 'europe-west1', proxyOnlySubnet: { ipCidrRange: '10.129.0.0/23' } })]) {
      expect(describeFindings(failing(check(await render(rec, 'shop', props))))).toEqual([]);
    }
  });
});

describe('listeners with host names', () => {
  test('one URL map per port, the 404 fault-injection abort of the port without a catch-all: valid globally and regionally', async () => {
    const regional = { ...hostnamesSpec, allowNearest: ['gcp-alb-regional:frontend.hostnames'] };
    for (const [spec, global] of [
      [hostnamesSpec, true],
      [regional, false],
    ] as const) {
      const registered = await render(rec, global ? 'sites' : 'sites-eu', placeAnything(buildModel(spec), { global }));
      expect(registered.filter((r) => JSON.stringify(r.inputs).includes('faultInjectionPolicy')).length).toBe(1);
      expect(describeFindings(failing(check(registered)))).toEqual([]);
    }
  });
});

describe('the checker has teeth: each planted fault is caught by the rule named', () => {
  let base: RecordedResource[] = [];
  let regional: RecordedResource[] = [];
  beforeAll(async () => {
    base = await render(rec, 'shop', webProps());
    regional = await render(rec, 'shop-eu', webProps({ global: false, region: 'europe-west1', proxyOnlySubnet: { ipCidrRange: '10.129.0.0/23' } }));
  });

  type Plant = (rs: RecordedResource[]) => void;
  const edit = (rs: RecordedResource[], name: string, f: (inputs: Record<string, any>) => void) => {
    const r = rs.find((x) => x.name === name);
    if (!r) throw new Error(`no resource ${name}`);
    f(r.inputs);
  };
  const clone = (rs: RecordedResource[]) => rs.map((r) => ({ ...r, inputs: JSON.parse(JSON.stringify(r.inputs)) as Record<string, unknown> }));
  const um = (i: Record<string, any>) => i.pathMatchers[0].routeRules;

  // One planted fault a row: most edits set one input (`void` keeps each a statement, not a returned value).
  const PLANTS: Array<[string, 'global' | 'regional', string, Plant]> = [
    ['an unknown field', 'global', 'field', (rs) => edit(rs, 'shop-bs-web', (i) => void (i.portNumber = 80))],
    ['a misspelt nested field', 'global', 'field', (rs) => edit(rs, 'shop-urlmap-https', (i) => void (um(i)[0].matchRules[0].pathPrefix = '/x'))],
    ['a bad enum value', 'global', 'enum', (rs) => edit(rs, 'shop-bs-web', (i) => void (i.localityLbPolicy = 'LEAST_CONNECTIONS'))],
    ['a bad nested enum value', 'global', 'enum', (rs) => edit(rs, 'shop-urlmap-https', (i) => void (um(i)[2].urlRedirect.redirectResponseCode = 'MOVED'))],
    ['a string for a number', 'global', 'type', (rs) => edit(rs, 'shop-hc-web', (i) => void (i.checkIntervalSec = '10'))],
    ['portName on the Cloud Run backend service', 'global', 'port-name-serverless', (rs) => edit(rs, 'shop-bs-api', (i) => void (i.portName = 'api'))],
    ['a balancing mode on a serverless NEG', 'global', 'balancing-mode', (rs) => edit(rs, 'shop-bs-api', (i) => void (i.backends[0].balancingMode = 'RATE'))],
    [
      'UTILIZATION on a zonal NEG',
      'global',
      'balancing-mode',
      (rs) =>
        edit(rs, 'shop-bs-web-canary', (i) => {
          i.backends[0].balancingMode = 'UTILIZATION';
          i.backends[0].maxUtilization = 0.8;
          delete i.backends[0].maxRatePerEndpoint;
        }),
    ],
    [
      'consistentHash on EXTERNAL_MANAGED',
      'global',
      'consistent-hash-scope',
      (rs) => edit(rs, 'shop-bs-web', (i) => void (i.consistentHash = { minimumRingSize: 1024 })),
    ],
    [
      'localityLbPolicy on regional EXTERNAL_MANAGED',
      'regional',
      'locality-policy-scope',
      (rs) => edit(rs, 'shop-eu-bs-static', (i) => void (i.localityLbPolicy = 'ROUND_ROBIN')),
    ],
    [
      'outlierDetection on a regional serverless backend service',
      'regional',
      'outlier-detection-scope',
      (rs) => edit(rs, 'shop-eu-bs-api', (i) => void (i.outlierDetection = { consecutiveErrors: 5 })),
    ],
    [
      'a cookie lifetime without cookie affinity',
      'global',
      'affinity-cookie-ttl',
      (rs) => edit(rs, 'shop-bs-static', (i) => void (i.affinityCookieTtlSec = 60)),
    ],
    [
      'connection tracking on an Application Load Balancer service',
      'regional',
      'connection-tracking-scope',
      (rs) => edit(rs, 'shop-eu-bs-static', (i) => void (i.connectionTrackingPolicy = { trackingMode: 'PER_CONNECTION' })),
    ],
    [
      'two route rules with one priority',
      'global',
      'route-rule-priority',
      (rs) => edit(rs, 'shop-urlmap-https', (i) => void (um(i)[1].priority = um(i)[0].priority)),
    ],
    ['a priority out of range', 'global', 'route-rule-priority', (rs) => edit(rs, 'shop-urlmap-https', (i) => void (um(i)[0].priority = 2147483648))],
    [
      'two path matches in one match rule',
      'global',
      'url-map-shape',
      (rs) =>
        edit(rs, 'shop-urlmap-https', (i) => {
          um(i)[0].matchRules[0].fullPathMatch = '/v1';
          um(i)[0].matchRules[0].prefixMatch = '/v1/';
        }),
    ],
    [
      'a weight over 1000',
      'global',
      'url-map-shape',
      (rs) =>
        edit(rs, 'shop-urlmap-https', (i) => {
          i.defaultRouteAction = undefined;
          i.defaultService = 'x';
          i.pathMatchers[0].defaultRouteAction.weightedBackendServices[0].weight = 1001;
          um(i)[0].routeAction = { weightedBackendServices: [{ backendService: 'x', weight: 5000 }] };
          delete um(i)[0].service;
        }),
    ],
    [
      'weighted backend services beside a service (a rewrite-only routeAction may sit there)',
      'global',
      'url-map-shape',
      (rs) =>
        edit(
          rs,
          'shop-urlmap-https',
          (i) => void (um(i)[0].routeAction = { urlRewrite: { hostRewrite: 'a.example.com' }, weightedBackendServices: [{ backendService: 'x', weight: 5 }] }),
        ),
    ],
    [
      'a host rule naming no path matcher',
      'global',
      'url-map-shape',
      (rs) => edit(rs, 'shop-urlmap-https', (i) => void (i.hostRules[0].pathMatcher = 'nowhere')),
    ],
    [
      'sourceIpRanges on a managed forwarding rule',
      'regional',
      'forwarding-rule-shape',
      (rs) => edit(rs, 'shop-eu-fr-https-v4', (i) => void (i.sourceIpRanges = ['10.0.0.0/8'])),
    ],
    ['a keep-alive over 1200 s', 'global', 'proxy-shape', (rs) => edit(rs, 'shop-http-proxy-http', (i) => void (i.httpKeepAliveTimeoutSec = 1500))],
    ['an HTTPS proxy without certificates', 'global', 'proxy-shape', (rs) => edit(rs, 'shop-https-proxy-https', (i) => void (i.sslCertificates = []))],
    ['a health check timeout above its interval', 'global', 'health-check-shape', (rs) => edit(rs, 'shop-hc-web', (i) => void (i.timeoutSec = 60))],
    [
      'a security policy without its default rule',
      'global',
      'security-policy-shape',
      (rs) => edit(rs, 'shop-armor-https', (i) => void (i.rules = i.rules.filter((r: { priority: number }) => r.priority !== 2147483647))),
    ],
    [
      'an Armor interval GCP does not offer',
      'global',
      'security-policy-shape',
      (rs) =>
        edit(
          rs,
          'shop-armor-https',
          (i) => void (i.rules.find((r: { action: string }) => r.action === 'throttle').rateLimitOptions.rateLimitThreshold.intervalSec = 45),
        ),
    ],
    [
      'eleven source ranges in one Armor rule',
      'global',
      'security-policy-match',
      (rs) =>
        edit(
          rs,
          'shop-armor-https',
          (i) => void (i.rules[0].match = { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: Array.from({ length: 11 }, (_, n) => `10.${n}.0.0/16`) } }),
        ),
    ],
    ['a serverless NEG with two targets', 'global', 'neg-shape', (rs) => edit(rs, 'shop-neg-api-run', (i) => void (i.cloudFunction = { function: 'f' }))],
    [
      'a regexMatch on the global URL map (disputed rule: counted, not failed)',
      'global',
      'regex-scope',
      (rs) =>
        edit(rs, 'shop-urlmap-https', (i) => {
          delete um(i)[0].matchRules[0].prefixMatch;
          delete um(i)[0].matchRules[0].fullPathMatch;
          um(i)[0].matchRules[0].regexMatch = '/v[0-9]+';
        }),
    ],
    [
      'nanos out of range',
      'global',
      'duration',
      (rs) => edit(rs, 'shop-bs-web', (i) => void (i.outlierDetection = { baseEjectionTime: { seconds: 1, nanos: 2_000_000_000 } })),
    ],
  ];

  test.each(PLANTS)('%s (%s) -> %s', (_name, which, rule, plant) => {
    const rs = clone(which === 'global' ? base : regional);
    expect(failing(check(rs))).toEqual([]);
    plant(rs);
    expect(check(rs).findings.map((f) => f.rule)).toContain(rule);
  });

  test(`${PLANTS.length} planted faults: every rule and every schema check is planted at least once`, () => {
    expect([...new Set(PLANTS.map(([, , rule]) => rule))].sort()).toEqual(['enum', 'field', 'type', ...RULES.map((r) => r.id)].sort());
  });
});
