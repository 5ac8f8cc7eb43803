/** What the deploy-validity tests share: render a component under Pulumi mocks, and every finding of what it registered. */
import { LoadBalancer } from '../../../providers/gcp';
import { settle, type PulumiRecorder, type RecordedResource } from '../../support/pulumi';
import { schemaFindings, SKIPPED, type Finding } from './compute-schema';
import { pulumiSchemaFindings } from './pulumi-schema';
import { ruleFindings } from './rules';

/**
 * Findings the API's own text is known to get wrong, with the evidence. None is proven stale today.
 */
export const STALE: ReadonlyArray<{ rule: string; evidence: string }> = [];

/**
 * Rules the API text states but that are neither confirmed nor refuted: their findings are counted and listed,
 * not failed. regex-scope: HttpRouteRuleMatch.regexMatch and HttpHeaderMatch.regexMatch say regular expressions
 * need INTERNAL_SELF_MANAGED, regional EXTERNAL_MANAGED or INTERNAL_MANAGED, which would exclude the global
 * external Application Load Balancer that lbkit routes with regexMatch (header exact and prefix conditions, path
 * regexes). The same reference's regionUrlMaps text ("the backend service must have a loadBalancingScheme of
 * INTERNAL_MANAGED") is visibly stale, so the field text is taken as proof neither way. Open: docs/gcp.md.
 */
export const DISPUTED: ReadonlySet<string> = new Set(['regex-scope']);

export interface Checked {
  readonly resources: number;
  readonly skipped: number;
  readonly findings: Finding[];
}

/**
 * Every finding of what was registered: the schema per resource (compute.proto for Compute resources, the
 * @pulumi/gcp types for Cloud Monitoring's), then the cross-field rules over all of them.
 */
export function check(resources: readonly RecordedResource[]): Checked {
  const findings: Finding[] = [];
  let checked = 0;
  let skipped = 0;
  for (const r of resources) {
    if (SKIPPED.has(r.type)) {
      skipped++;
      continue;
    }
    const found = schemaFindings(r.type, r.name, r.inputs) ?? pulumiSchemaFindings(r.type, r.name, r.inputs);
    if (!found) {
      findings.push({
        resource: `${r.type}::${r.name}`,
        path: '',
        rule: 'unmapped',
        message: `no Compute message or @pulumi/gcp type is mapped for ${r.type}`,
      });
      continue;
    }
    checked++;
    findings.push(...found);
  }
  findings.push(...ruleFindings(resources));
  return { resources: checked, skipped, findings };
}

/** Findings that fail the test: not disputed, not proven stale. */
export const failing = (c: Checked): Finding[] => c.findings.filter((f) => !DISPUTED.has(f.rule) && !STALE.some((s) => s.rule === f.rule));
export const describeFindings = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.resource} ${f.path}: [${f.rule}] ${f.message}`);

/**
 * Registers one component and waits for its resources. Pulumi records each resource's source position from a
 * stack trace, which source maps make slow under jest: stack traces are off while rendering (about 5x faster).
 */
export async function render(rec: PulumiRecorder, name: string, props: ConstructorParameters<typeof LoadBalancer>[1]): Promise<RecordedResource[]> {
  rec.reset();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const lb = new LoadBalancer(name, props);
    await settle(rec, [lb]);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return [...rec.resources];
}
