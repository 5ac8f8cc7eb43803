/** gRPC on ALB through the CDK construct: examples/specs/grpc.yaml synthesizes GRPC target groups with gRPC probes. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LoadBalancer } from '../../providers/aws/cdk';
import { certificateArn } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';

test('grpc.yaml: HTTP target groups with ProtocolVersion GRPC, probing Health/Check with Matcher GrpcCode; HTTP/2 on the ALB', () => {
  const { stack, vpc } = stackWithVpc(testApp(), 'grpc');
  const lb = new LoadBalancer(stack, 'Lb', {
    specFile: 'examples/specs/grpc.yaml',
    vpc,
    certificates: { api: certificateArn('api') },
    bindings: { checkout: { ips: ['10.0.1.10'] }, 'cart-writer': { ips: ['10.0.1.11'] }, 'cart-reader': { ips: ['10.0.1.12'] } },
  });
  expect(lb.plan.warnings.map((w) => w.feature)).toEqual(['pool.health.grpc', 'pool.health.grpc', 'pool.health.grpc']);
  const template = Template.fromStack(stack);
  const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
  expect(groups).toHaveLength(3);
  for (const g of groups) {
    expect(g.Properties).toMatchObject({
      Protocol: 'HTTP',
      ProtocolVersion: 'GRPC',
      Port: 50051,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/grpc.health.v1.Health/Check',
      Matcher: { GrpcCode: '0' },
    });
  }
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http2.enabled', Value: 'true' }]),
  });
});
