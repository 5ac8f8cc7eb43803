/**
 * The scenario corpus on k8s-gateway: every scenario whose spec the portable Gateway API routes natively
 * (unsupportedRouting, the same test the cloud targets pass) is evaluated on the HTTPRoutes lbkit writes, with the
 * Gateway API evaluator (evaluators/k8s-gateway.ts), and each request must get the scenario's expected outcome (the
 * local proxy's, which corpus.test.ts holds over loopback sockets). Scenarios outside the portable routing rows are
 * listed with the reason, and a floor keeps the run from going vacuous.
 */
import { buildModel } from '../../lib/model/build';
import { describeOutcome, describeRequest } from './evaluators/request';
import { SCENARIOS } from './scenarios';
import { unsupportedRouting } from './support/compile';
import { k8sGatewayRouting } from './support/k8s';

const routed = SCENARIOS.map((s) => ({ s, model: buildModel(s.spec) })).map(({ s, model }) => ({ s, model, why: unsupportedRouting(model, 'k8s-gateway') }));

describe.each(routed.filter((r) => r.why === undefined).map((r) => [r.s.name, r] as const))('%s', (_name, { s, model }) => {
  test('k8s-gateway: the HTTPRoutes give the expected outcomes', () => {
    const { evaluate } = k8sGatewayRouting(model);
    for (const r of s.requests) {
      expect({ request: describeRequest(r.send), got: describeOutcome(evaluate(r.send)) }).toEqual({
        request: describeRequest(r.send),
        got: describeOutcome(r.expect),
      });
    }
  });
});

test('the corpus reaches k8s-gateway (count, and why the rest is not routed natively)', () => {
  const run = routed.filter((r) => r.why === undefined);
  console.log(
    `k8s-gateway corpus: ${run.length} of ${SCENARIOS.length} scenarios, ${run.reduce((n, r) => n + r.s.requests.length, 0)} requests; not native: ${routed
      .filter((r) => r.why)
      .map((r) => `'${r.s.name}' (${r.why})`)
      .join('; ')}`,
  );
  expect(run.length).toBeGreaterThanOrEqual(5);
});
