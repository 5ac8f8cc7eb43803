/** gRPC on ALB through the CDK construct: examples/specs/grpc.yaml synthesizes GRPC target groups with gRPC probes. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LoadBalancer } from '../../providers/aws/cdk';
import { certificateArn } from './fixtures';
import { stackWithVpc, testApp } from './support/cdk';

test('grpc.yaml: HTTP target groups with ProtocolVersion GRPC, probing Health/Check with Matcher GrpcCode where the spec writes a health check; HTTP/2 on the ALB', () => {
  const { stack, vpc } = stackWithVpc(testApp(), 'grpc');
  const lb = new LoadBalancer(stack, 'Lb', {
    specFile: 'examples/specs/grpc.yaml',
    vpc,
    certificates: { api: certificateArn('api') },
    bindings: { checkout: { ips: ['10.0.1.10'] }, 'cart-writer': { ips: ['10.0.1.11'] }, 'cart-reader': { ips: ['10.0.1.12'] } },
  });
  // Only cart-writer writes a health check: the approximation is judged there alone.
  expect(lb.plan.warnings.map((w) => `${w.path} ${w.feature}`)).toEqual(['pools[1].healthCheck pool.health.grpc']);
  const template = Template.fromStack(stack);
  const groups = template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup');
  expect(Object.keys(groups)).toHaveLength(3);
  for (const g of Object.values(groups))
    expect(g.Properties).toMatchObject({ Protocol: 'HTTP', ProtocolVersion: 'GRPC', Port: 50051, HealthCheckProtocol: 'HTTP' });
  const byPool = (pool: string) => Object.entries(groups).find(([id]) => id.includes(`Pools${pool.replace('-', '')}`))![1].Properties;
  expect(byPool('cart-writer')).toMatchObject({
    HealthCheckPath: '/grpc.health.v1.Health/Check',
    Matcher: { GrpcCode: '0' },
    HealthCheckIntervalSeconds: 5,
    HealthCheckTimeoutSeconds: 2,
  });
  // No health check written: ALB's own gRPC probe (/AWS.ALB/healthcheck, GrpcCode 12: the server answers).
  for (const pool of ['checkout', 'cart-reader']) {
    expect(byPool(pool).HealthCheckPath).toBeUndefined();
    expect(byPool(pool).Matcher).toBeUndefined();
  }
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http2.enabled', Value: 'true' }]),
  });
});
