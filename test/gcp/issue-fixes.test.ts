/**
 * The GCP cells and deploy failures issue 13 found wrong, each held to the Compute API's text
 * (@google-cloud/compute 7.8.0 compute.proto): method conditions, portName on serverless NEGs, consistentHash and
 * localityLbPolicy where the API accepts them.
 */
import { CAPABILITIES } from '../../providers';
import { buildModel } from '../../lib/model/build';
import { selectRule } from '../../lib/model/match';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { compileForGcp, LoadBalancer } from '../../providers/gcp';
import { urlMapPlan } from '../../providers/gcp/plan/routing';
import { evaluateUrlMap, gcpRequest } from '../conformance/evaluators/gcp-url-map';
import { urlMapOfPlan } from '../conformance/evaluators/plans';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything, webProps } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

const methods = (): LoadBalancerSpec => ({
  name: 'm',
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      defaultAction: { forward: { pool: 'read' } },
      rules: [{ name: 'writes', match: { methods: ['POST', 'PUT'], paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'write' } } }],
    },
  ],
  pools: [
    { name: 'read', protocol: 'http', port: 8080 },
    { name: 'write', protocol: 'http', port: 8081 },
  ],
});

describe("method conditions: the ':method' pseudo-header", () => {
  test('the cell is native on both Application Load Balancer targets, with its source', () => {
    for (const target of ['gcp-alb-global', 'gcp-alb-regional'] as const) {
      const cell = CAPABILITIES[target].support['rule.match.method'];
      expect(cell.level).toBe('native');
      expect(cell.source?.ref).toContain('HttpHeaderMatch.headerName');
    }
  });

  test('the URL map matches the methods as one RE2 full match on :method, ANDed with the path', () => {
    const f = buildModel(methods()).frontends[0];
    const rules = urlMapPlan(f, false).pathMatchers[0].routeRules[0].matchRules;
    expect(rules.map((m) => m.headerMatches)).toEqual([
      [{ headerName: ':method', regexMatch: 'POST|PUT' }],
      [{ headerName: ':method', regexMatch: 'POST|PUT' }],
    ]);
  });

  test.each([
    ['POST', '/api/x', 'write'],
    ['PUT', '/api', 'write'],
    ['GET', '/api/x', 'read'],
    ['post', '/api/x', 'read'],
    ['POST', '/other', 'read'],
  ])('%s %s goes where lbkit sends it (the evaluator reads :method)', (method, path, pool) => {
    const model = buildModel(methods());
    const f = model.frontends[0];
    const map = urlMapOfPlan(urlMapPlan(f, false));
    const req = { frontend: 'web', method, host: 'example.com', path, query: '', headers: [] as Array<[string, string]>, sourceIp: '10.0.0.1' };
    const route = evaluateUrlMap(map, gcpRequest(req));
    expect(route).toEqual({ kind: 'service', backendService: `bs-${pool}` });
    const view = { method, host: 'example.com', path, query: new URLSearchParams(''), sourceIp: '10.0.0.1', header: () => [] };
    const chosen = selectRule(f, view as never);
    expect(chosen?.action.type === 'forward' ? chosen.action.pool : f.defaultAction?.type === 'forward' ? f.defaultAction.pool : undefined).toBe(pool);
  });

  test('a spec with a method condition compiles strictly', () => {
    expect(() => compileForGcp(placeAnything(buildModel(methods())))).not.toThrow();
  });
});

describe('serverless NEGs: no portName (the API refuses it), README Cloud Run example included', () => {
  test('the Cloud Run pool of web.yaml has no portName; instance-group pools keep theirs', async () => {
    rec.reset();
    const lb = new LoadBalancer('shop', webProps());
    await settle(rec, [lb]);
    const bs = (name: string) => rec.get('gcp:compute/backendService:BackendService', `shop-bs-${name}`).inputs as Record<string, unknown>;
    expect(bs('api').portName).toBeUndefined();
    expect(bs('api').healthChecks).toBeUndefined();
    expect(bs('web').portName).toBe('web');
  });

  test('passive health on a regional backend service with serverless NEGs is a placement problem (outlierDetection is not supported there)', () => {
    const props = webProps({ global: false, region: 'europe-west1', proxyOnlySubnet: { ipCidrRange: '10.129.0.0/23' } });
    const spec = {
      ...props,
      model: buildModel({
        ...methods(),
        pools: [
          { name: 'read', protocol: 'http', port: 8080, passiveHealthCheck: {} },
          { name: 'write', protocol: 'http', port: 8081 },
        ],
        allowNearest: ['pool.passive-health'],
      }),
    };
    const bindings = {
      read: { serverless: { run: { region: 'europe-west1', cloudRun: { service: 'read' } } } },
      write: { serverless: { run: { region: 'europe-west1', cloudRun: { service: 'write' } } } },
    };
    expect(() => compileForGcp({ ...spec, bindings, certificates: undefined })).toThrow(/bindings\.read\.serverless: pool 'read' asks for passiveHealthCheck/);
  });
});

describe('hashing fields only where the API accepts them', () => {
  const persistent = (type: 'lb-cookie' | 'app-cookie' | 'source-ip', scheme: 'external' | 'internal' = 'external') =>
    buildModel({
      name: 'p',
      scheme,
      frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
      pools: [{ name: 'app', protocol: 'http', port: 8080, sessionPersistence: type === 'app-cookie' ? { type, cookieName: 'S' } : { type } }],
      allowNearest: ['pool.persistence.app-cookie'],
    });

  test('app-cookie is unsupported on the global target (consistentHash.httpCookie is not accepted on EXTERNAL_MANAGED)', () => {
    const cell = CAPABILITIES['gcp-alb-global'].support['pool.persistence.app-cookie'];
    expect(cell.level).toBe('unsupported');
    expect(() => compileForGcp(placeAnything(persistent('app-cookie')))).toThrow(/pool.persistence.app-cookie/);
  });

  test('regional external refuses app-cookie and the algorithms that need localityLbPolicy; internal accepts them', () => {
    const regional = (model: ReturnType<typeof persistent>) => placeAnything(model, { global: false });
    expect(() => compileForGcp(regional(persistent('app-cookie')))).toThrow(/consistentHash.httpCookie, which regional EXTERNAL_MANAGED/);
    const random = buildModel({
      ...methods(),
      pools: [
        { name: 'read', protocol: 'http', port: 8080, algorithm: 'random' },
        { name: 'write', protocol: 'http', port: 8081 },
      ],
      allowNearest: ['pool.algorithm.random'],
    });
    expect(() => compileForGcp(regional(random))).toThrow(/algorithm random needs localityLbPolicy/);
    expect(compileForGcp(regional(persistent('app-cookie', 'internal'))).plan.backendServices[0]).toMatchObject({
      scheme: 'INTERNAL_MANAGED',
      localityLbPolicy: 'RING_HASH',
      consistentHash: { minimumRingSize: 1024, httpCookie: { name: 'S' } },
    });
    expect(compileForGcp(regional({ ...random, scheme: 'internal' })).plan.backendServices.find((s) => s.pool === 'read')).toMatchObject({
      localityLbPolicy: 'RANDOM',
    });
  });
});
