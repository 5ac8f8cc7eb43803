import { LoadBalancer } from '../../../providers/aws/pulumi/index';

const web = new LoadBalancer('web', {
  specFile: 'lb.yaml',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  certificates: { site: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff' },
  bindings: {
    web: { ips: ['10.0.1.10', '10.0.2.10'] },
    'web-canary': { ips: ['10.0.1.20'] },
    api: { instanceIds: ['i-0123456789abcdef0'] },
    static: { targetType: 'ip' },
  },
});

export const dnsName = web.dnsName;
export const arn = web.arn;
export {};
