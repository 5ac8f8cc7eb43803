/** GCP limits the plan knows are plan problems (LBKIT_GCP_LIMIT) that name the limit and whether GCP raises it. */
import { GcpLimitError } from '../../lib/errors';
import { buildModel } from '../../lib/model/build';
import { compileForGcp, GCP_BACKEND } from '../../providers/gcp';
import { MAX_BACKENDS_PER_SERVICE, MAX_RULES_PER_INTERNAL_ADDRESS } from '../../providers/gcp/plan/limits';
import { placeAnything, PROJECT } from './fixtures';

const internalTcp = (frontends: number) =>
  buildModel({
    name: 'db',
    scheme: 'internal',
    frontends: Array.from({ length: frontends }, (_, i) => ({
      name: `f${i}`,
      protocol: 'tcp' as const,
      port: 5000 + i,
      defaultAction: { forward: { pool: `p${i}` } },
    })),
    pools: Array.from({ length: frontends }, (_, i) => ({ name: `p${i}`, protocol: 'tcp' as const, port: 5000 + i })),
  });

test(`more than ${MAX_RULES_PER_INTERNAL_ADDRESS} internal forwarding rules on one address: a limit GCP does not raise`, () => {
  expect(GCP_BACKEND.plan({ model: internalTcp(MAX_RULES_PER_INTERNAL_ADDRESS) }).problems).toEqual([]);
  const problems = GCP_BACKEND.plan({ model: internalTcp(MAX_RULES_PER_INTERNAL_ADDRESS + 1) }).problems;
  expect(problems).toEqual([
    expect.objectContaining({
      code: 'LBKIT_GCP_LIMIT',
      message: expect.stringMatching(/11 internal forwarding rules share address .*allows 10 per internal IP address \(a limit GCP does not raise\)/),
    }),
  ]);
});

test(`more than ${MAX_BACKENDS_PER_SERVICE} instance groups in one pool: the component throws GcpLimitError before registering anything`, () => {
  const model = buildModel({
    name: 'w',
    frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  });
  const groups = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`g${i}`, { group: `projects/${PROJECT}/zones/europe-west1-b/instanceGroups/g${i}` }]));
  expect(() => compileForGcp(placeAnything(model, { bindings: { app: { instanceGroups: groups(MAX_BACKENDS_PER_SERVICE) } } }))).not.toThrow();
  const error = (() => {
    try {
      compileForGcp(placeAnything(model, { bindings: { app: { instanceGroups: groups(MAX_BACKENDS_PER_SERVICE + 1) } } }));
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(GcpLimitError);
  expect((error as GcpLimitError).problems[0]).toMatchObject({ path: 'bindings.app', message: expect.stringContaining('50 backends per backend service') });
});
