/**
 * Synthesis: `cdk synth` (the pinned CLI) of a generated spec with 200 rules and 20 pools through the lbkit
 * construct, against hand-written CDK L2 code that declares the same resources (ALB, security group,
 * listener, 20 target groups with the same health checks and attributes, 200 listener rules).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { LoadBalancerSpec } from '../../lib/spec/schema';

const exec = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
export const RULES = 200;
export const POOLS = 20;

export function generatedSpec(): LoadBalancerSpec {
  return {
    name: 'synth',
    frontends: [
      {
        name: 'web',
        protocol: 'http',
        port: 80,
        rules: Array.from({ length: RULES }, (_, i) => ({
          name: `r${i}`,
          match: { hosts: [`h${i}.example.com`], paths: [{ prefix: `/p${i}` }] },
          action: { forward: { pool: `p${i % POOLS}` } },
        })),
        defaultAction: { forward: { pool: 'p0' } },
      },
    ],
    pools: Array.from({ length: POOLS }, (_, i) => ({ name: `p${i}`, protocol: 'http' as const, port: 8080, healthCheck: { path: '/healthz' } })),
  };
}

const PRELUDE = `'use strict';
const { App, Stack, Duration } = require('${ROOT}/node_modules/aws-cdk-lib');
const ec2 = require('${ROOT}/node_modules/aws-cdk-lib/aws-ec2');
const elbv2 = require('${ROOT}/node_modules/aws-cdk-lib/aws-elasticloadbalancingv2');
const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
const stack = new Stack(app, 'Synth');
const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
  vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  publicSubnetRouteTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef0'],
});
`;

function lbkitApp(spec: LoadBalancerSpec): string {
  const bindings = Object.fromEntries(spec.pools!.map((p, i) => [p.name, { ips: [`10.0.1.${i + 10}`] }]));
  return `${PRELUDE}const { LoadBalancer } = require('${ROOT}/dist/providers/aws/cdk');
new LoadBalancer(stack, 'Lb', { spec: ${JSON.stringify(spec)}, vpc, bindings: ${JSON.stringify(bindings)}, maxRulesPerLoadBalancer: ${RULES}, targetCidrs: ['10.0.0.0/16'] });
app.synth();
`;
}

function handWrittenApp(): string {
  return `${PRELUDE}const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc, allowAllOutbound: false });
sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
sg.addEgressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(8080));
const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, securityGroup: sg, idleTimeout: Duration.seconds(60), dropInvalidHeaderFields: true, deletionProtection: false });
const groups = [];
for (let i = 0; i < ${POOLS}; i++) {
  groups.push(new elbv2.ApplicationTargetGroup(stack, 'Tg' + i, {
    vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP,
    targets: [new (require('${ROOT}/node_modules/aws-cdk-lib/aws-elasticloadbalancingv2-targets').IpTarget)('10.0.1.' + (i + 10))],
    deregistrationDelay: Duration.seconds(300), slowStart: undefined,
    loadBalancingAlgorithmType: elbv2.TargetGroupLoadBalancingAlgorithmType.ROUND_ROBIN,
    healthCheck: { enabled: true, protocol: elbv2.Protocol.HTTP, path: '/healthz', interval: Duration.seconds(10), timeout: Duration.seconds(5), healthyThresholdCount: 3, unhealthyThresholdCount: 3, healthyHttpCodes: '200' },
  }));
}
const listener = alb.addListener('Web', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultAction: elbv2.ListenerAction.forward([groups[0]]) });
for (let i = 0; i < ${RULES}; i++) {
  new elbv2.ApplicationListenerRule(stack, 'Rule' + i, {
    listener, priority: (i + 1) * 10,
    conditions: [elbv2.ListenerCondition.hostHeaders(['h' + i + '.example.com']), elbv2.ListenerCondition.pathPatterns(['/p' + i, '/p' + i + '/*'])],
    action: elbv2.ListenerAction.forward([groups[i % ${POOLS}]]),
  });
}
app.synth();
`;
}

async function timeSynth(appFile: string, out: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  await exec(join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '--app', `node ${appFile}`, '-o', out, '--quiet', '--no-notices', '--no-version-reporting'], {
    cwd: ROOT,
    timeout: 120000,
    maxBuffer: 64 << 20,
  });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Resource types and counts of a synthesized template, e.g. { 'AWS::ElasticLoadBalancingV2::ListenerRule': 200 }. */
function resourceCounts(out: string): Record<string, number> {
  const template = JSON.parse(readFileSync(join(out, 'Synth.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
  const counts: Record<string, number> = {};
  for (const r of Object.values(template.Resources)) if (r.Type !== 'AWS::CDK::Metadata') counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

export async function synth(
  runs: number,
  log: (l: string) => void,
): Promise<{ lbkitSeconds: number; handWrittenSeconds: number; rules: number; pools: number; sameResources: boolean; resources: Record<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lbkit-bench-synth-'));
  const lbkitFile = join(dir, 'lbkit-app.js');
  const handFile = join(dir, 'hand-app.js');
  writeFileSync(lbkitFile, lbkitApp(generatedSpec()));
  writeFileSync(handFile, handWrittenApp());
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lbkit: number[] = [];
  const hand: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate, so that a slow moment of the machine does not land on one side only.
    lbkit.push(await timeSynth(lbkitFile, join(dir, `out-lbkit-${i}`)));
    hand.push(await timeSynth(handFile, join(dir, `out-hand-${i}`)));
  }
  const resources = resourceCounts(join(dir, 'out-lbkit-0'));
  const handResources = resourceCounts(join(dir, 'out-hand-0'));
  const sameResources = JSON.stringify(Object.entries(resources).sort()) === JSON.stringify(Object.entries(handResources).sort());
  log(
    `synth: lbkit ${lbkit.map((s) => s.toFixed(2)).join(', ')} s; hand-written ${hand.map((s) => s.toFixed(2)).join(', ')} s; same resources: ${sameResources} ${JSON.stringify(resources)} vs ${JSON.stringify(handResources)}`,
  );
  return { lbkitSeconds: median(lbkit), handWrittenSeconds: median(hand), rules: RULES, pools: POOLS, sameResources, resources };
}
