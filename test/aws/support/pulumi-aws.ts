/** Pulumi helpers for the AWS tests: the provider outputs the mocks compute. */
import { REGION } from '../../../examples/cdk/placements';

/** What AWS would compute: ARNs and DNS names named after the resource, the bucket name of a bucket. */
export function awsState(type: string, name: string): Record<string, unknown> {
  return {
    arn: mockArn(type, name),
    ...(type === 'aws:lb/loadBalancer:LoadBalancer' ? { dnsName: `${name}.elb.amazonaws.com`, arnSuffix: mockArnSuffix(type, name) } : {}),
    ...(type === 'aws:lb/targetGroup:TargetGroup' ? { arnSuffix: mockArnSuffix(type, name) } : {}),
    ...(type === 'aws:s3/bucket:Bucket' ? { bucket: `${name}-bucket` } : {}),
  };
}

/** The ARN the mocks give a resource. */
export function mockArn(type: string, name: string): string {
  return `arn:aws:mock:${REGION}:123456789012:${type}/${name}`;
}

/** The ARN suffix (CloudWatch's LoadBalancer and TargetGroup dimension) the mocks give a load balancer or target group. */
export function mockArnSuffix(type: string, name: string): string {
  return `${type === 'aws:lb/targetGroup:TargetGroup' ? 'targetgroup' : 'app'}/${name}/0123456789abcdef`;
}
