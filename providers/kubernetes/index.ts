/**
 * lbkit for Kubernetes (`lbkit/kubernetes`): the plan as plain objects and YAML, and the CRD check. The adapters
 * load their SDK, an optional peer dependency each: `lbkit/kubernetes/cdk8s` (cdk8s) and `lbkit/kubernetes/pulumi`
 * (@pulumi/kubernetes).
 */
export { KUBERNETES_BACKEND, targetDef } from './backend';
export { compileKubernetes, type Compiled, type KubernetesProps } from './compile';
export type { K8sObject, ObjectMeta } from './objects';
export type { KubernetesOptions, MetalLbOptions, PoolBinding } from './options';
export { planKubernetes, type KubernetesPlan } from './plan';
export { K8S_TARGETS, type K8sTargetId } from './targets';
export { toYaml } from './yaml';
export { checkObjects, type ManifestCheck, type ManifestFinding } from './validate/check';
export { loadCrds } from './validate/crds';
