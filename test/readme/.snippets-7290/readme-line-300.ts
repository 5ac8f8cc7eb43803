import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { LoadBalancer } from '../../../providers/aws/cdk/index';

const app = new App();
// Access logs need a region (ELB log delivery differs per region); no account is needed.
const stack = new Stack(app, 'web', { env: { region: 'eu-west-1' } });
const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
  vpcId: 'vpc-0123456789abcdef0',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
});

const web = new LoadBalancer(stack, 'Web', {
  specFile: 'lb.yaml',                        // or spec: { ... } as a TypeScript object
  vpc,
  certificates: { site: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff' },
  bindings: {
    web: { ips: ['10.0.1.10', '10.0.2.10'] },
    'web-canary': { ips: ['10.0.1.20'] },
    api: { instanceIds: ['i-0123456789abcdef0'] },
    // Members registered later, e.g. asg.attachToApplicationTargetGroup(web.targetGroups.static);
    // an array of ELBv2 targets works too.
    static: { targetType: 'instance' },
  },
});

// Everything lbkit made is reachable, to set what it does not cover:
web.applicationLoadBalancer!.setAttribute('routing.http.xff_header_processing.mode', 'append');
web.listeners.https;            // ApplicationListener
web.listenerRules['https/api']; // ApplicationListenerRule
web.targetGroups.api;           // ApplicationTargetGroup
web.webAcl;                     // CfnWebACL (rate limits)
export {};
