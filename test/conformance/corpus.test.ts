/**
 * The scenario corpus (scenarios/): each scenario's requests, sent to the local proxy over loopback sockets
 * (members are echo servers that say which pool answered; redirects and fixed responses are read from status,
 * Location and body), and evaluated on every cloud target that routes the spec natively: on the CDK
 * construct's CloudFormation template and the Pulumi components' resources. Each must give the expected
 * outcome. The fast compiled view the differential test uses (support/compile.ts routingOf) must agree too, and
 * the plan mirrors the GCP and Azure plan tests evaluate must equal what the renderers wrote.
 */
import * as pulumi from '@pulumi/pulumi';
import { buildModel } from '../../lib/model/build';
import type { CertificatePem } from '../../providers/local';
import { mockPulumi } from '../support/pulumi';
import { agrees, describeOutcome, describeRequest } from './evaluators/request';
import { SCENARIOS, type Scenario } from './scenarios';
import { conformanceState, L7_TARGETS, renderedRoutings, routingOf, unsupportedRouting, type L7Target } from './support/compile';
import { EchoFleet, LocalRun } from './support/local';

const recorder = mockPulumi(conformanceState);
// The components log the nearest mappings a spec accepted (pool rows only here): not this test's subject.
beforeAll(() => {
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});
const fleet = new EchoFleet(2);
let certificates: Record<string, CertificatePem> | undefined;
afterAll(() => fleet.close());

/** What the corpus checked, printed at the end for the record. */
const checked = { local: 0, evaluations: 0, skipped: [] as string[] };
afterAll(() => {
  console.log(
    `conformance corpus: ${SCENARIOS.length} scenarios, ${checked.local} requests on the local proxy, ${checked.evaluations} evaluations on compiled configurations; not run: ${checked.skipped.join('; ') || 'none'}`,
  );
});

const evaluated = (s: Scenario) => s.targets.filter((t) => !s.unsettled?.[t]);

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
  const model = buildModel(scenario.spec);

  test('the local proxy, over loopback sockets', async () => {
    const run = await LocalRun.start(model, fleet, certificates);
    if (!certificates && model.frontends.some((f) => f.tls)) certificates = { site: run.lb.certificate('site') };
    try {
      for (const r of scenario.requests) {
        const got = await run.observe(r.send);
        checked.local++;
        expect({ request: describeRequest(r.send), got: agrees(got, r.expect) ? describeOutcome(r.expect) : describeOutcome(got) }).toEqual({
          request: describeRequest(r.send),
          got: describeOutcome(r.expect),
        });
      }
    } finally {
      await run.stop();
    }
  });

  test('the targets that route it natively are the ones the scenario names', () => {
    const native = L7_TARGETS.filter((t) => unsupportedRouting(model, t) === undefined);
    expect(native).toEqual(L7_TARGETS.filter((t) => scenario.targets.includes(t)));
  });

  const targets: L7Target[] = evaluated(scenario);
  for (const [target, reason] of Object.entries(scenario.unsettled ?? {})) {
    checked.skipped.push(`'${scenario.name}' on ${target}`);
    test.skip(`${target}: not run, ${reason}`, () => undefined);
  }

  test.each(targets)(
    '%s: every compiled configuration gives the expected outcomes',
    async (target) => {
      const alone = await routingOf(target, model, recorder);
      const mirrored = await routingOf(target, model, recorder, { mirrorOnly: true });
      const configurations = [
        ...(await renderedRoutings(target, scenario.spec, recorder)),
        { source: `${target} (the renderer alone, as the differential test compiles)`, ...alone },
        { source: `${target} (the plan as evaluators/plans.ts mirrors it)`, evaluate: mirrored.evaluate },
      ];
      for (const { source, evaluate } of configurations) {
        for (const r of scenario.requests) {
          checked.evaluations++;
          expect({ source, request: describeRequest(r.send), got: describeOutcome(evaluate(r.send)) }).toEqual({
            source,
            request: describeRequest(r.send),
            got: describeOutcome(r.expect),
          });
        }
      }
      for (const { source, mirror } of configurations) {
        if (mirror) expect({ source, routing: mirror.mirrored }).toEqual({ source, routing: mirror.rendered });
      }
      // A CDK synthesis per scenario and target: slow on a loaded 2-core machine, bounded all the same.
    },
    120_000,
  );
});

test('every scenario runs on at least one cloud target, and every L7 target runs some scenario', () => {
  expect(SCENARIOS.filter((s) => evaluated(s).length === 0).map((s) => s.name)).toEqual([]);
  expect(L7_TARGETS.filter((t) => !SCENARIOS.some((s) => evaluated(s).includes(t)))).toEqual([]);
});
