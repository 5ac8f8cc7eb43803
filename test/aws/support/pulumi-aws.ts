/** Pulumi helpers for the AWS tests: the provider outputs the mocks compute. */
import { REGION } from '../../../examples/cdk/placements';

/** What AWS would compute: ARNs and DNS names named after the resource, the bucket name of a bucket. */
export function awsState(type: string, name: string): Record<string, unknown> {
  return {
    arn: mockArn(type, name),
    ...(type === 'aws:lb/loadBalancer:LoadBalancer' ? { dnsName: `${name}.elb.amazonaws.com` } : {}),
    ...(type === 'aws:s3/bucket:Bucket' ? { bucket: `${name}-bucket` } : {}),
  };
}

/** The ARN the mocks give a resource. */
export function mockArn(type: string, name: string): string {
  return `arn:aws:mock:${REGION}:123456789012:${type}/${name}`;
}
