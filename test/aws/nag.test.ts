/**
 * cdk-nag 3's AwsSolutions pack over every example stack: no finding left unacknowledged, and every
 * acknowledgment (each with its reason) answers a finding that is really there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addExampleStacks } from '../../examples/cdk/stacks';
import { testApp } from './support/cdk';

interface Finding {
  readonly rule: string;
  readonly path: string;
}

function nagApp(acknowledgeFindings: boolean): App {
  const app = testApp();
  addExampleStacks(app, { acknowledgeFindings });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

/** AwsSolutions findings of the last synthesis, as 'rule construct-path' (the resource's parent construct). */
function findings(app: App): Finding[] {
  const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
  };
  return report.pluginReports
    .filter((p) => p.pluginName === 'AwsSolutions')
    .flatMap((p) =>
      p.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => ({
          rule: v.ruleName,
          path: c.constructPath.replace(/\/Resource$/, ''),
        })),
      ),
    );
}

/** Acknowledgments recorded in the construct tree: rule, construct path, reason. */
function acknowledgments(app: App): Array<Finding & { reason: string }> {
  return app.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ rule: id.replace(/^Annotation::/, ''), path: c.node.path, reason })),
        ),
    );
}

const key = (f: Finding) => `${f.rule} ${f.path}`;

test('every example stack passes AwsSolutions with each finding acknowledged, with a reason', () => {
  const app = nagApp(true);
  expect(() => app.synth()).not.toThrow();
  expect(findings(app)).toEqual([]);
  const acks = acknowledgments(app);
  expect(acks.length).toBeGreaterThan(0);
  for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(20);
});

test("the acknowledgments are exactly the findings: without the stacks' own, those findings fail the synth", () => {
  const acknowledged = nagApp(true);
  const stackAcks = acknowledgments(acknowledged).filter((a) => !a.path.endsWith('/AccessLogs'));
  const bare = nagApp(false);
  expect(() => bare.synth()).toThrow(/ERROR .* \(AwsSolutions\)/);
  expect(findings(bare).map(key).sort()).toEqual(stackAcks.map(key).sort());
  // The construct acknowledges one finding itself: its own access-logs bucket logs nowhere (AwsSolutions-S1).
  expect(
    acknowledgments(acknowledged)
      .filter((a) => a.path.endsWith('/AccessLogs'))
      .map((a) => a.rule),
  ).toEqual(['AwsSolutions-S1', 'AwsSolutions-S1']);
});
