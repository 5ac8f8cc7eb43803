/**
 * The placement a construct or component gives (bindings, certificates, trust stores), held against the plan:
 * every problem, each naming the prop it concerns. The renderers differ in what they accept (the CDK
 * construct takes objects where the Pulumi component takes ARNs), so each says so in `AwsPlacement.terms`,
 * and adds the problems only it can see (a stack's region) through `AwsPlacement.own`.
 */
import type { Problem } from '../../../lib/errors';
import { bindingProblems, type OtherBindings } from './bindings';
import type { AwsPlan } from './types';

/** What a renderer's props take, as its problems' messages and fixes name it. */
export interface PlacementTerms {
  /** What a certificate prop holds, e.g. 'certificate ARN'. */
  readonly certificate: string;
  /** How to give one, e.g. 'give an ACM or IAM certificate ARN'. */
  readonly certificateFix: string;
  /** What a trust store prop holds, e.g. 'trust store ARN'. */
  readonly trustStore: string;
  readonly trustStoreFix: string;
  /** Bindings besides `{ ips }`, `{ instanceIds }` and `{ targetType }`. @default none */
  readonly otherBindings?: OtherBindings;
}

export interface AwsPlacement {
  /** Members per pool name. */
  readonly bindings: Readonly<Record<string, unknown>>;
  /** Per spec certificate name: an ACM or IAM certificate ARN (checked when it is a string), or the renderer's object. */
  readonly certificates?: Readonly<Record<string, unknown>>;
  /** Per spec trust-store name. */
  readonly trustStores?: Readonly<Record<string, unknown>>;
  readonly terms: PlacementTerms;
  /** Problems of the renderer's own props, seen once the plan is known. @default none */
  readonly own?: (plan: AwsPlan) => Problem[];
}

/** An ACM or IAM server certificate ARN, the two kinds a listener takes. */
export const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm|iam):/;

const problem = (path: string, message: string, fix?: string): Problem => ({ code: 'LBKIT_AWS_PLACEMENT', path, message, ...(fix ? { fix } : {}) });

/** Every placement problem of a plan, in prop order: bindings, certificates, trust stores, the renderer's own. */
export function placementProblems(plan: AwsPlan, placement: AwsPlacement): Problem[] {
  const { terms } = placement;
  const problems = bindingProblems(plan, placement.bindings, terms.otherBindings);
  const seen = new Set<string>();
  const once = (p: Problem) => {
    if (seen.has(p.path)) return;
    seen.add(p.path);
    problems.push(p);
  };
  const listeners = plan.loadBalancers.flatMap((l) => l.listeners);
  for (const listener of listeners) {
    for (const name of listener.tls ? [listener.tls.certificate, ...listener.tls.additionalCertificates] : []) {
      const given = placement.certificates?.[name];
      if (given === undefined) {
        once(problem(`certificates.${name}`, `the spec's certificate '${name}' (${listener.path}.tls) has no ${terms.certificate}`, terms.certificateFix));
      } else if (typeof given === 'string' && !CERTIFICATE_ARN.test(given)) {
        once(problem(`certificates.${name}`, `'${given}' is not an ACM or IAM certificate ARN`, terms.certificateFix));
      }
    }
  }
  for (const listener of listeners) {
    const trust = listener.tls?.mutualAuthentication;
    if (trust?.mode === 'verify' && placement.trustStores?.[trust.trustStore] === undefined) {
      once(
        problem(
          `trustStores.${trust.trustStore}`,
          `the spec's trust store '${trust.trustStore}' (${listener.path}.tls.clientCertificateTrust) has no ${terms.trustStore}`,
          terms.trustStoreFix,
        ),
      );
    }
  }
  return [...problems, ...(placement.own?.(plan) ?? [])];
}
