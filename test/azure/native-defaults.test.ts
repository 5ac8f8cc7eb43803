/**
 * Issue 14: a field the spec leaves out compiles to Azure's own default and is never a capability error; the same
 * field written is judged. Each target compiles its own model (`targets:` overrides).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { checkCapabilities } from '../../providers';
import { AWS_BACKEND } from '../../providers/aws/backend';
import { AZURE_BACKEND } from '../../providers/azure/backend';

const web = (pool: Record<string, unknown> = {}): LoadBalancerSpec => ({
  name: 'shop',
  frontends: [{ name: 'web', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'app' } } }],
  pools: [{ name: 'app', protocol: 'http', port: 8080, healthCheck: { path: '/healthz' }, ...pool }],
});

const tcp = (frontend: Record<string, unknown> = {}): LoadBalancerSpec => ({
  name: 'db',
  frontends: [{ name: 'pg', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } }, ...frontend }],
  pools: [{ name: 'pg', protocol: 'tcp', port: 5432 }],
});

const errorPaths = (spec: LoadBalancerSpec, target: 'azure-appgw' | 'azure-lb') => checkCapabilities(buildModel(spec), target).errors.map((e) => e.path);

describe('azure-appgw: default pool settings compile strict', () => {
  test("no error for the healthy threshold or fail-open the spec did not write; the plan has Azure's own probe and settings", () => {
    expect(buildModel(web()).strict).toBe(true);
    expect(errorPaths(web(), 'azure-appgw')).toEqual([]);
    const result = AZURE_BACKEND.plan({ model: buildModel(web()), target: 'azure-appgw' });
    expect(result.problems).toEqual([]);
    const agw = result.plan!.applicationGateway!;
    expect(agw.probes.map((p) => [p.interval, p.timeout, p.unhealthyThreshold])).toEqual([[30, 30, 3]]);
    expect(agw.backendHttpSettings.map((s) => [s.connectionDraining.enabled, s.requestTimeout])).toEqual([[false, 20]]);
  });

  test('the same fields written are still judged and compiled as written', () => {
    const written = web({
      healthCheck: { path: '/healthz', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 2 },
      whenAllUnhealthy: 'fail-open',
      drainingSeconds: 45,
    });
    expect(errorPaths(written, 'azure-appgw')).toEqual(expect.arrayContaining(['pools[0].healthCheck.healthyThreshold', 'pools[0].whenAllUnhealthy']));
    const relaxed = buildModel({ ...written, strict: false });
    const agw = AZURE_BACKEND.plan({ model: relaxed, target: 'azure-appgw' }).plan!.applicationGateway!;
    expect(agw.probes.map((p) => [p.interval, p.timeout, p.unhealthyThreshold])).toEqual([[10, 5, 2]]);
    expect(agw.backendHttpSettings.map((s) => s.connectionDraining)).toEqual([{ enabled: true, drainTimeoutInSec: 45 }]);
  });
});

describe('azure-lb: the idle timeout', () => {
  test("left out, it is no error and the rule keeps Azure's own 4 minutes (no idleTimeoutInMinutes)", () => {
    expect(errorPaths(tcp(), 'azure-lb')).toEqual([]);
    const result = AZURE_BACKEND.plan({ model: buildModel(tcp()), target: 'azure-lb' });
    expect(result.problems).toEqual([]);
    const rules = result.plan!.loadBalancer!.rules;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((r) => 'idleTimeoutInMinutes' in r)).toEqual([]);
  });

  test("written as lbkit's 60 s, it is judged: outside 4-100 minutes", () => {
    expect(errorPaths(tcp({ idleTimeoutSeconds: 60 }), 'azure-lb')).toEqual(['frontends[0].idleTimeoutSeconds']);
    const rules = AZURE_BACKEND.plan({ model: buildModel(tcp({ idleTimeoutSeconds: 600 })), target: 'azure-lb' }).plan!.loadBalancer!.rules;
    expect(rules.map((r) => r.idleTimeoutInMinutes)).toEqual(rules.map(() => 10));
  });
});

describe("targets: README's web app with an azure-appgw override", () => {
  const spec = (): LoadBalancerSpec => ({
    ...(parse(readFileSync('examples/specs/web.yaml', 'utf8')) as LoadBalancerSpec),
    targets: { 'azure-appgw': { frontends: [{ name: 'https', defaultAction: { forward: { pool: 'web' } } }] } },
  });

  test('azure-appgw compiles the forward, without the weighted-split error', () => {
    const base = AZURE_BACKEND.plan({ model: buildModel({ ...spec(), targets: undefined }), target: 'azure-appgw' });
    expect(base.problems.map((p) => p.capability?.feature)).toContain('action.weighted-forward');
    const result = AZURE_BACKEND.plan({ model: buildModel(spec()), target: 'azure-appgw' });
    expect(result.problems.map((p) => p.capability?.feature)).not.toContain('action.weighted-forward');
    const pools = result.plan!.applicationGateway!.backendAddressPools.map((p) => p.name);
    expect(pools).toContain('web');
    expect(pools).not.toContain('web-canary');
    // Both targets planned (the component's call): the gateway's part still reads its override.
    const both = AZURE_BACKEND.plan({ model: buildModel(spec()) });
    expect(both.problems.map((p) => p.capability?.feature)).not.toContain('action.weighted-forward');
    expect(both.plan!.applicationGateway!.backendAddressPools.map((p) => p.name)).not.toContain('web-canary');
  });

  test('aws-alb still gets the split', () => {
    const result = AWS_BACKEND.plan({ model: buildModel(spec()), target: 'aws-alb' });
    expect(JSON.stringify(result.plan)).toContain('"type":"weighted-forward"');
    expect(JSON.stringify(result.plan)).toContain('web-canary');
  });
});
