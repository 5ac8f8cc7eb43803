/**
 * Who delivers ELB access logs into a bucket. Regions older than August 2022 deliver from a per-region ELB
 * account; newer ones from the service principal logdelivery.elasticloadbalancing.amazonaws.com
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 * The accounts are those of aws-cdk-lib's region-info (test/aws/plan.test.ts holds the two equal).
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-south-1': '718504428378',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
  'eu-central-1': '054676820928',
  'eu-north-1': '897822967062',
  'eu-south-1': '635631232127',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-gov-east-1': '190560391635',
  'us-gov-west-1': '048591011584',
  'us-iso-east-1': '770363063475',
  'us-iso-west-1': '121062877647',
  'us-isob-east-1': '740734521339',
  'us-isof-east-1': '091100254016',
  'us-isof-south-1': '412137745753',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
};

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** The bucket policy access logs need: TLS only, and log delivery may write under the prefix. */
export function accessLogsBucketPolicy(bucketArn: string, prefix: string, region: string): object {
  const account = ELB_LOG_ACCOUNTS[region];
  const objects = `${bucketArn}/${prefix ? `${prefix}/` : ''}AWSLogs/*`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'ElbLogDelivery',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: objects,
        Principal: account ? { AWS: `arn:${partitionOf(region)}:iam::${account}:root` } : { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      },
      // NLB TLS listeners deliver through the log-delivery service.
      {
        Sid: 'NlbLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: objects,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
      { Sid: 'NlbLogDeliveryAcl', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn },
    ],
  };
}
