/** `lbkit render` (a Kubernetes target's manifests as YAML) and `lbkit check` (the same, held against the cluster's CRDs). */
import { existsSync } from 'node:fs';
import { LbkitError, formatIssue, ProblemsError } from '../lib/errors';
import { TARGETS } from '../providers';
import { compileKubernetes, type Compiled } from '../providers/kubernetes/compile';
import { isK8sTarget, K8S_TARGETS } from '../providers/kubernetes/targets';
import { toYaml } from '../providers/kubernetes/yaml';
import { checkObjects } from '../providers/kubernetes/validate/check';
import { loadCrds } from '../providers/kubernetes/validate/crds';
import { reportLoadError, type Output } from './commands';

export interface KubernetesCommandOptions {
  readonly target: string;
  readonly namespace?: string;
  readonly gatewayClass?: string;
  readonly channel?: string;
  readonly allowNearest?: string[];
  readonly strict?: boolean;
  readonly crds?: string;
}

function compile(file: string, o: KubernetesCommandOptions, io: Output): Compiled | number {
  if (!isK8sTarget(o.target)) {
    io.err(`✗ '${o.target}' is no Kubernetes target; use one of: ${K8S_TARGETS.map((t) => t.id).join(', ')}`);
    return 2;
  }
  if (o.channel !== undefined && o.channel !== 'standard' && o.channel !== 'experimental') {
    io.err(`✗ --channel must be standard or experimental, not '${o.channel}'`);
    return 2;
  }
  try {
    return compileKubernetes(
      {
        specFile: file,
        target: o.target,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        ...(o.gatewayClass ? { gatewayClassName: o.gatewayClass } : {}),
        ...(o.channel ? { channel: o.channel as 'standard' | 'experimental' } : {}),
        ...(o.allowNearest?.length ? { allowNearest: o.allowNearest } : {}),
        ...(o.strict === false ? { strict: false } : {}),
      },
      TARGETS,
    );
  } catch (e) {
    if (e instanceof ProblemsError && !(e.code === 'LBKIT_SPEC_INVALID')) {
      io.err(`✗ ${file}: ${o.target} cannot compile it (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'})`);
      for (const p of e.problems) io.err(`  ${formatIssue(p)}`);
      return 1;
    }
    if (e instanceof LbkitError) return reportLoadError(e, io);
    throw e;
  }
}

export function renderCommand(file: string, o: KubernetesCommandOptions, io: Output): number {
  const compiled = compile(file, o, io);
  if (typeof compiled === 'number') return compiled;
  for (const w of compiled.warnings) io.err(`warning ${w.path}: ${w.message}`);
  io.out(toYaml(compiled.plan.objects).trimEnd());
  return 0;
}

export function checkCommand(file: string, o: KubernetesCommandOptions, io: Output): number {
  if (!o.crds || !existsSync(o.crds)) {
    io.err(`✗ --crds must name a folder of CustomResourceDefinition YAML files${o.crds ? ` ('${o.crds}' does not exist)` : ''}`);
    return 2;
  }
  const compiled = compile(file, o, io);
  if (typeof compiled === 'number') return compiled;
  const result = checkObjects(
    compiled.plan.objects,
    loadCrds(o.crds, compiled.plan.target === 'k8s-gateway' && o.channel === 'experimental' ? 'experimental' : 'standard'),
  );
  for (const f of result.findings) io.out(`✗ ${f.object} ${f.path || '(object)'}: ${f.message} [${f.by}]`);
  for (const u of result.unchecked) io.out(`? not checked: ${u}`);
  if (result.cel.unevaluated.length) io.out(`? ${result.cel.unevaluated.length} CEL rules could not be evaluated: ${result.cel.unevaluated.join('; ')}`);
  io.out(
    `${result.findings.length ? '✗' : '✓'} ${compiled.plan.objects.length} objects: ${result.checked.crd} against their CRDs (${result.cel.evaluated} CEL rules evaluated, ${result.cel.transitionRules} update-only rules skipped), ${result.checked.core} core objects, ${result.unchecked.length} without a CRD; ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`,
  );
  return result.findings.length ? 1 : 0;
}
