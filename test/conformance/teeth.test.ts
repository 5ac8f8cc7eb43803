/**
 * The differential test has teeth: with one mistake planted in a copy of the compiled routing (a string prefix
 * where lbkit means a segment prefix, so '/api' also takes '/apix'), it finds a disagreement, and its report
 * names the spec and the request.
 */
import { mockPulumi } from '../support/pulumi';
import { runDifferential, SEEDS } from './differential';
import { conformanceState, type Tamper } from './support/compile';
import { EchoFleet } from './support/local';

const recorder = mockPulumi(conformanceState);
const fleet = new EchoFleet();
afterAll(() => fleet.close());

/** Rewrites every string under `key` in a routing configuration. */
function rewrite(key: string, change: (value: string) => string): Tamper {
  const visit = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(visit)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === key && typeof x === 'string' ? change(x) : visit(x)]))
        : v;
  return <T>(routing: T) => visit(routing) as T;
}

test.each([
  // GCP: the segment prefix '/api' compiles to fullPathMatch '/api' or prefixMatch '/api/'; planted: prefixMatch '/api'.
  ['gcp-alb-global', rewrite('prefixMatch', (p) => (p === '/' ? p : p.replace(/\/$/, '')))],
  // ALB: '/api' compiles to path patterns '/api' and '/api/*'; planted: '/api*'.
  ['aws-alb', (<T>(routing: T) => JSON.parse(JSON.stringify(routing).replace(/([^"])\/\*"/g, '$1*"')) as T) as Tamper],
  // k8s-gateway: '/api' compiles to an HTTPPathMatch PathPrefix (whole segments); planted: Exact.
  ['k8s-gateway', rewrite('type', (t) => (t === 'PathPrefix' ? 'Exact' : t))],
] as const)(
  '%s: a string prefix planted in the compiled routing is caught',
  async (target, tamper) => {
    const { failure } = await runDifferential({ target, seed: SEEDS[target], specs: 200, tamper }, recorder, fleet);
    expect(failure).toBeDefined();
    console.log(`planted mistake on ${target}, as the differential test reports it:\n${failure}`);
    expect(failure).toContain(`${target} disagrees with the local proxy`);
    // The smallest failing spec has a path prefix, or a gRPC service match (a path prefix '/<service>/' underneath).
    expect(failure).toMatch(/Smallest failing spec: \{.*"(prefix|grpc)"/);
    // The request as sent, one of the methods the generator uses (request-arbitraries.ts).
    expect(failure).toMatch(/request: +(GET|POST|PUT|DELETE|PATCH) \//);
  },
  120_000,
);
