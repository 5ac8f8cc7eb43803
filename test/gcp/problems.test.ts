/**
 * Every problem at once: capability and placement problems come in one error, before any resource is
 * registered, and `GCP_BACKEND.plan` returns the same problems without throwing (so `lbkit plan` and the
 * component agree).
 */
import { thrown } from '../support/thrown';
import { CapabilityError, GcpPlacementError, InvalidInputError, ProblemsError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { TARGETS } from '../../providers';
import { compileForGcp, GCP_BACKEND, LoadBalancer } from '../../providers/gcp';
import type { GcpLoadBalancerProps } from '../../providers/gcp/props';
import { mockPulumi } from '../support/pulumi';
import { placeAnything } from './fixtures';

const rec = mockPulumi();

/** An http frontend with a rule GCP cannot route (the client's source), to two pools, with a certificate. */
const spec: LoadBalancerSpec = {
  name: 'broken',
  certificates: [{ name: 'site' }],
  frontends: [
    {
      name: 'web',
      protocol: 'http',
      port: 80,
      defaultAction: { forward: { pool: 'app' } },
      rules: [{ name: 'posts', match: { sourceCidrs: ['10.0.0.0/8'] }, action: { forward: { pool: 'api' } } }],
    },
  ],
  pools: [
    { name: 'app', protocol: 'http', port: 8080 },
    { name: 'api', protocol: 'http', port: 9000 },
  ],
};

/** Regional, without region or proxy-only subnet, one pool unbound, a certificate binding the spec lacks. */
const broken = (overrides: Partial<GcpLoadBalancerProps> = {}): GcpLoadBalancerProps => {
  const placed = placeAnything(buildModel(spec), { global: false, region: undefined, proxyOnlySubnet: undefined });
  return { ...placed, bindings: { app: placed.bindings.app }, certificates: { sites: { kind: 'existing', sslCertificate: 'x' } }, ...overrides };
};

/** The error compileForGcp throws for `props`: one that carries every problem. */
function errorOf(props: GcpLoadBalancerProps): ProblemsError {
  const error = thrown(() => compileForGcp(props));
  expect(error).toBeInstanceOf(ProblemsError);
  return error as ProblemsError;
}

const EXPECTED = [
  ['LBKIT_CAPABILITY', 'frontends[0].rules[0].match.sourceCidrs'],
  ['LBKIT_GCP_PLACEMENT', 'region'],
  ['LBKIT_GCP_PLACEMENT', 'proxyOnlySubnet'],
  ['LBKIT_GCP_PLACEMENT', 'certificates.sites'],
  ['LBKIT_GCP_PLACEMENT', 'bindings.api'],
];

test('a broken placement on a spec GCP cannot express reports every problem in one error', () => {
  const error = errorOf(broken());
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error.problems.map((p) => [p.code, p.path])).toEqual(EXPECTED);
  for (const [, path] of EXPECTED) expect(error.message).toContain(`${path}: `);
});

test('the component throws it synchronously and registers nothing', () => {
  rec.reset();
  expect(() => new LoadBalancer('broken', broken())).toThrow(InvalidInputError);
  expect(rec.resources).toEqual([]);
});

test('problems of one kind keep their own error class', () => {
  const placement = errorOf(broken({ model: buildModel({ ...spec, frontends: [{ ...spec.frontends[0], rules: [] }] }) }));
  expect(placement).toBeInstanceOf(GcpPlacementError);
  expect(placement.problems.map((p) => p.path)).toEqual(['region', 'proxyOnlySubnet', 'certificates.sites']);
  const capability = errorOf(placeAnything(buildModel(spec)));
  expect(capability).toBeInstanceOf(CapabilityError);
});

test('GCP_BACKEND.plan returns the plan and the same problems without throwing', () => {
  const result = GCP_BACKEND.plan({ model: buildModel(spec), options: broken(), knownTargets: TARGETS });
  expect(result.plan?.targets).toEqual([{ target: 'gcp-alb-regional', frontends: ['web'] }]);
  expect(result.problems.map((p) => [p.code, p.path])).toEqual(EXPECTED);
  // `lbkit plan` gives no placement: only the capability problem.
  expect(GCP_BACKEND.plan({ model: buildModel(spec) }).problems.map((p) => p.path)).toEqual(['frontends[0].rules[0].match.sourceCidrs']);
});

test('strict and allowNearest props judge the spec like its own fields', () => {
  const nearest = { ...spec, frontends: [{ ...spec.frontends[0], rules: [] }], pools: [{ ...spec.pools![0], algorithm: 'least-connections' as const }] };
  const props = (extra: Partial<GcpLoadBalancerProps>) => ({ ...placeAnything(buildModel(nearest)), model: undefined, spec: nearest, ...extra });
  expect(errorOf(props({}))).toBeInstanceOf(CapabilityError);
  const accepted = compileForGcp(props({ allowNearest: ['gcp-alb-global:pool.algorithm.least-connections'] }));
  expect(accepted.warnings.map((w) => [w.severity, w.target, w.feature])).toEqual([['warning', 'gcp-alb-global', 'pool.algorithm.least-connections']]);
  expect(compileForGcp(props({ strict: false })).warnings.map((w) => w.feature)).toEqual(['pool.algorithm.least-connections']);
});
