/** Mapping rows of azure-lb: what each L4 spec feature becomes in the Azure Load Balancer plan. */
import { buildModel } from '../../lib/model/build';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import { planLoadBalancer } from '../../providers/azure/plan/lb';
import type { LoadBalancerPlan } from '../../providers/azure/plan/types';
import { exampleModel, l4Spec, lbScope, tcpPool } from './helpers';

const plan = (spec: LoadBalancerSpec): LoadBalancerPlan => planLoadBalancer(lbScope(buildModel(spec)), spec.name)!;

describe('shapes', () => {
  test('internal tcp: an internal frontend, a Tcp probe, a Tcp rule with idle timeout in minutes and TCP reset', () => {
    const p = plan(
      l4Spec({
        name: 'orders-db',
        scheme: 'internal',
        frontends: [{ name: 'postgres', protocol: 'tcp', port: 5432, idleTimeoutSeconds: 300, defaultAction: { forward: { pool: 'pgbouncer' } } }],
        pools: [
          tcpPool('pgbouncer', {
            port: 6432,
            healthCheck: { protocol: 'tcp', intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3 },
          }),
        ],
        allowNearest: ['azure-lb:pool.health.tcp'],
      }),
    );
    expect(p).toEqual({
      name: 'orders-db-lb',
      internal: true,
      ipVersions: ['IPv4'],
      publicIps: [],
      frontendIPConfigurations: [{ name: 'ipv4', ipVersion: 'IPv4' }],
      backendAddressPools: [{ name: 'pgbouncer', pool: 'pgbouncer', ipVersion: 'IPv4' }],
      probes: [
        {
          name: 'pgbouncer',
          pool: 'pgbouncer',
          protocol: 'Tcp',
          port: 6432,
          intervalInSeconds: 10,
          probeThreshold: 3,
          noHealthyBackendsBehavior: 'AllProbedUp',
        },
      ],
      rules: [
        {
          name: 'postgres',
          frontend: 'postgres',
          ipVersion: 'IPv4',
          frontendIPConfiguration: { collection: 'frontendIPConfigurations', name: 'ipv4' },
          backendAddressPool: { collection: 'backendAddressPools', name: 'pgbouncer' },
          probe: { collection: 'probes', name: 'pgbouncer' },
          protocol: 'Tcp',
          frontendPort: 5432,
          backendPort: 6432,
          loadDistribution: 'Default',
          idleTimeoutInMinutes: 5,
          enableTcpReset: true,
          disableOutboundSnat: true,
          enableFloatingIP: false,
        },
      ],
    });
  });

  test('udp: a public static IP, a Udp rule without idle timeout or TCP reset, client affinity by SourceIP', () => {
    const p = planLoadBalancer(lbScope(exampleModel('udp.yaml')), 'dns')!;
    expect(p.publicIps).toEqual([{ name: 'dns-lb-ipv4', ipVersion: 'IPv4' }]);
    expect(p.frontendIPConfigurations).toEqual([{ name: 'ipv4', ipVersion: 'IPv4', publicIp: 'dns-lb-ipv4' }]);
    expect(p.rules[0]).toMatchObject({ protocol: 'Udp', frontendPort: 53, backendPort: 53, loadDistribution: 'SourceIP', enableTcpReset: false });
    expect(p.rules[0].idleTimeoutInMinutes).toBeUndefined();
    expect(p.probes[0]).toMatchObject({ protocol: 'Tcp', port: 53 });
  });
});

describe('rules', () => {
  test.each([
    ['random', undefined, 'Default'],
    ['round-robin', undefined, 'Default'],
    ['ip-hash', undefined, 'SourceIP'],
    ['random', { type: 'source-ip' }, 'SourceIP'],
  ] as const)('algorithm %s with persistence %j: loadDistribution %s', (algorithm, sessionPersistence, expected) => {
    const p = plan(l4Spec({ pools: [tcpPool('pg', { algorithm, ...(sessionPersistence ? { sessionPersistence } : {}) })] }));
    expect(p.rules[0].loadDistribution).toBe(expected);
  });

  test('idle timeout: whole minutes', () => {
    const p = plan(l4Spec({ frontends: [{ name: 'pg', protocol: 'tcp', port: 5432, idleTimeoutSeconds: 1800, defaultAction: { forward: { pool: 'pg' } } }] }));
    expect(p.rules[0].idleTimeoutInMinutes).toBe(30);
  });

  test('dualstack: a frontend, pool and rule per IP version; one probe serves both', () => {
    const p = plan(l4Spec({ ipAddressType: 'dualstack' }));
    expect(p.publicIps.map((ip) => ip.name)).toEqual(['db-lb-ipv4', 'db-lb-ipv6']);
    expect(p.backendAddressPools.map((b) => [b.name, b.ipVersion])).toEqual([
      ['pg', 'IPv4'],
      ['pg_ipv6', 'IPv6'],
    ]);
    expect(p.rules.map((r) => [r.name, r.frontendIPConfiguration.name, r.backendAddressPool.name, r.probe.name])).toEqual([
      ['pg', 'ipv4', 'pg', 'pg'],
      ['pg_ipv6', 'ipv6', 'pg_ipv6', 'pg'],
    ]);
    expect(p.probes).toHaveLength(1);
  });
});

describe('probes', () => {
  test.each([
    [{ protocol: 'tcp' as const }, { protocol: 'Tcp' }],
    [
      { protocol: 'http' as const, path: '/ready' },
      { protocol: 'Http', requestPath: '/ready' },
    ],
    [
      { protocol: 'https' as const, path: '/ready', port: 8443 },
      { protocol: 'Https', requestPath: '/ready', port: 8443 },
    ],
  ])('health check %j: %j', (healthCheck, expected) => {
    const p = plan(l4Spec({ pools: [tcpPool('pg', { healthCheck: { ...healthCheck, healthyThreshold: 2, unhealthyThreshold: 2 } })] }));
    expect(p.probes[0]).toMatchObject(expected);
    if (healthCheck.protocol === 'tcp') expect(p.probes[0].requestPath).toBeUndefined();
  });

  test('thresholds: one probeThreshold, the unhealthy one when they differ; interval kept', () => {
    const p = plan(
      l4Spec({
        pools: [tcpPool('pg', { healthCheck: { protocol: 'tcp', healthyThreshold: 2, unhealthyThreshold: 4, intervalSeconds: 15, timeoutSeconds: 5 } })],
      }),
    );
    expect(p.probes[0]).toMatchObject({ probeThreshold: 4, intervalInSeconds: 15 });
  });

  test.each([
    ['fail-open', 'AllProbedUp'],
    ['fail-closed', 'AllProbedDown'],
  ] as const)('%s: noHealthyBackendsBehavior %s', (whenAllUnhealthy, expected) => {
    expect(plan(l4Spec({ pools: [tcpPool('pg', { whenAllUnhealthy })] })).probes[0].noHealthyBackendsBehavior).toBe(expected);
  });
});
