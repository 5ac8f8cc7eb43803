/** Synthesizes the AWS cases (aws-specs.ts) with the CDK constructs: one stack per case, its template by stack name. */
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { GlobalAccelerator, GlobalDns } from '../../../providers/global/cdk';
import { HOSTED_ZONE_ID, type AwsCase } from './aws-specs';

export function stackWithZone(app: App, id: string, region = 'us-east-1') {
  const stack = new Stack(app, id, { env: { account: '123456789012', region } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: HOSTED_ZONE_ID, zoneName: 'example.com' });
  return { stack, zone };
}

export type CfnTemplate = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

export function synthAws(cases: readonly AwsCase[]): Record<string, CfnTemplate> {
  const app = new App();
  for (const c of cases) {
    // Global Accelerator's resources live in us-west-2 only.
    const { stack, zone } = stackWithZone(app, c.name, c.target === 'aws-global-accelerator' ? 'us-west-2' : 'us-east-1');
    const props = { ...c.input, hostedZone: zone, regions: c.regions };
    if (c.target === 'aws-route53') new GlobalDns(stack, 'Global', props);
    else new GlobalAccelerator(stack, 'Global', props);
  }
  return Object.fromEntries(app.synth().stacks.map((s) => [s.stackName, s.template as CfnTemplate]));
}
