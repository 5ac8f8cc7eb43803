/** Specs, placement and the CRD folder the Kubernetes tests share. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { LoadBalancerSpec } from '../../lib/spec/schema';

/**
 * The upstream CRDs (Gateway API v1.6.1, Envoy Gateway v1.9.0, MetalLB v0.16.1): ../shared/reference/k8s-crds next to
 * the repository, or LBKIT_K8S_CRDS (a git worktree lives elsewhere). Never copied into the project.
 */
export const CRD_DIR = [process.env.LBKIT_K8S_CRDS, resolve(__dirname, '../../../shared/reference/k8s-crds')].find((d): d is string => !!d && existsSync(d));

/** Tests that need the CRDs run only where they are, and say so where they are not. */
export function withCrds(name: string, fn: (dir: string) => void): void {
  if (CRD_DIR) describe(name, () => fn(CRD_DIR!));
  else describe(name, () => test.skip(`skipped: no CRD folder (../shared/reference/k8s-crds, or set LBKIT_K8S_CRDS)`, () => undefined));
}

/** The nearest mappings web.yaml needs on Envoy Gateway (docs/kubernetes.md). */
export const ENVOY_WEB_NEAREST = [
  'k8s-envoy-gateway:pool.draining',
  'k8s-envoy-gateway:pool.fail-open',
  'k8s-envoy-gateway:rate-limit.client-ip',
  'k8s-envoy-gateway:lb.access-logs',
];

export function exampleSpec(file: string, overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec {
  return { ...(parse(readFileSync(`examples/specs/${file}`, 'utf8')) as LoadBalancerSpec), ...overrides };
}

export function exampleModel(file: string, overrides: Partial<LoadBalancerSpec> = {}): LoadBalancerModel {
  return buildModel(exampleSpec(file, overrides));
}
