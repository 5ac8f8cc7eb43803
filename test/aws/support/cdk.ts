/** CDK helpers for the AWS tests: apps with the repo's cdk.json context, a VPC by attributes, templates. */
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { exampleVpc } from '../../../examples/cdk/stacks';

/** The context of cdk.json: CloudFormation validation findings are errors. */
export const CDK_CONTEXT = { '@aws-cdk/core:validateAgainstDefaultRules': true } as const;

export function testApp(): App {
  return new App({ context: CDK_CONTEXT });
}

export function vpcIn(stack: Stack): ec2.IVpc {
  return exampleVpc(stack);
}

export function stackWithVpc(app: App, id: string, props: StackProps = {}): { stack: Stack; vpc: ec2.IVpc } {
  const stack = new Stack(app, id, props);
  return { stack, vpc: vpcIn(stack) };
}

/** Synthesizes the app once and returns a template per stack name. */
export function synthTemplates(app: App): Record<string, Template> {
  const assembly = app.synth();
  return Object.fromEntries(assembly.stacks.map((s) => [s.stackName, Template.fromJSON(s.template)]));
}

/** Resources of a type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties: Record<string, any> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
}
