/** HTTP/2 and gRPC in the capability table: the example spec, graded on every target, and the spec rules. */
import { checkCapabilities, TARGETS } from '../../index';
import { buildModel, loadModel } from '../../lib/model';
import { SpecValidationError } from '../../lib/errors';

describe('examples/specs/grpc.yaml', () => {
  const model = loadModel('examples/specs/grpc.yaml');

  test('gRPC calls are path conditions in the model', () => {
    expect(model.frontends[0].rules.map((r) => r.match.paths)).toEqual([
      [{ kind: 'prefix', value: '/shop.v1.Checkout' }],
      [
        { kind: 'exact', value: '/shop.v1.Cart/AddItem' },
        { kind: 'exact', value: '/shop.v1.Cart/RemoveItem' },
      ],
    ]);
    expect(model.pools.map((p) => [p.name, p.http2, p.healthCheck.protocol, p.healthCheck.grpcService, p.healthCheck.grpcStatusCodes])).toEqual([
      ['checkout', true, 'grpc', '', '0'],
      ['cart-writer', true, 'grpc', '', '0'],
      ['cart-reader', true, 'grpc', '', '0'],
    ]);
  });

  test('compiles strictly on the local proxy, aws-alb (one accepted approximation) and gcp-alb-global; the others say why not', () => {
    const graded = Object.fromEntries(
      TARGETS.map((t) => {
        const report = checkCapabilities(model, t);
        return [
          t,
          report.errors
            .map((e) => `${e.feature} (${e.level})`)
            .filter((v, i, all) => all.indexOf(v) === i)
            .sort(),
        ];
      }),
    );
    expect([graded.local, graded['aws-alb'], graded['gcp-alb-global']]).toEqual([[], [], []]);
    // Only the pool that writes a gRPC health check is approximated; the others take ALB's own gRPC probe.
    expect(checkCapabilities(model, 'aws-alb').warnings.map((w) => w.feature)).toEqual(['pool.health.grpc']);
    // GCP regional: H2C backends are not confirmed; Application Gateway speaks HTTP/1.1 to backends.
    expect(graded['gcp-alb-regional']).toEqual(['pool.protocol.grpc (unsupported)']);
    expect(graded['azure-appgw']).toEqual(
      expect.arrayContaining(['pool.health.grpc (unsupported)', 'pool.protocol.grpc (unsupported)', 'rule.match.grpc (unsupported)']),
    );
  });

  test("on ALB, a gRPC pool that writes no health check takes ALB's own gRPC probe: nothing is approximated", () => {
    const relaxed = buildModel({
      name: 'grpc-api',
      certificates: [{ name: 'api', domains: ['api.example.com'] }],
      allowNearest: ['aws-alb:pool.health.grpc'],
      frontends: [{ name: 'api', protocol: 'https', port: 443, http2: true, tls: { certificate: 'api' }, defaultAction: { forward: { pool: 'checkout' } } }],
      pools: [{ name: 'checkout', protocol: 'grpc', port: 50051 }],
    });
    expect(checkCapabilities(relaxed, 'aws-alb').errors).toEqual([]);
    // ALB's default gRPC probe (/AWS.ALB/healthcheck, code 12) applies to a health check the spec left out.
    expect(checkCapabilities(relaxed, 'aws-alb').warnings.map((w) => w.feature)).toEqual([]);
  });
});

describe('spec rules', () => {
  const base = {
    name: 'g',
    frontends: [{ name: 'api', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'svc' } } }],
    pools: [{ name: 'svc', protocol: 'grpc', port: 50051 }],
  };
  const problems = (spec: unknown): string[] => {
    try {
      buildModel(spec);
      return [];
    } catch (e) {
      return (e as SpecValidationError).issues.map((i) => `${i.path}: ${i.message}`);
    }
  };

  test('a gRPC pool needs a frontend with http2', () => {
    expect(problems(base)).toEqual(["frontends[0].defaultAction.forward.pool: gRPC needs HTTP/2 end to end; frontend 'api' does not speak HTTP/2 to clients"]);
  });

  test('grpc and paths in one rule, http2 on an L4 frontend, probe fields of the wrong kind and status codes above 16 are refused', () => {
    const spec = {
      name: 'g',
      frontends: [
        {
          name: 'api',
          protocol: 'http',
          port: 80,
          http2: true,
          rules: [{ name: 'r', match: { grpc: [{ service: 'a.B' }], paths: [{ prefix: '/x' }] }, action: { forward: { pool: 'svc' } } }],
          defaultAction: { forward: { pool: 'svc' } },
        },
        { name: 'raw', protocol: 'tcp', port: 9000, http2: true, defaultAction: { forward: { pool: 'tcp' } } },
      ],
      pools: [
        { name: 'svc', protocol: 'grpc', port: 50051, healthCheck: { grpcStatusCodes: '0,17', path: '/x' } },
        { name: 'tcp', protocol: 'tcp', port: 9000, healthCheck: { protocol: 'tcp', grpcService: 'a.B' } },
        { name: 'web', protocol: 'http', port: 8080, healthCheck: { protocol: 'grpc' } },
      ],
    };
    expect(problems(spec).sort()).toEqual([
      'frontends[0].rules[0].match.grpc: grpc conditions are path conditions underneath, so a rule gives grpc or paths, not both',
      "frontends[1].http2: http2 is HTTP routing; frontend 'raw' is tcp (L4)",
      "pools[0].healthCheck.grpcStatusCodes: '17' is not a gRPC status code (0-16)",
      'pools[0].healthCheck.path: a grpc health check calls grpc.health.v1.Health/Check and has no path',
      'pools[1].healthCheck.grpcService: grpcService is for grpc health checks; this one is tcp',
      "pools[2].healthCheck.protocol: a grpc health check needs a grpc or grpcs pool; pool 'web' is http",
    ]);
  });
});
