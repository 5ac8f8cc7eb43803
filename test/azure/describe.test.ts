/** `lbkit plan` rows for azure-lb and azure-appgw, from the plan alone. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeTarget } from '../../providers';
import { exampleModel } from './helpers';

test('azure-appgw: the gateway, its listeners in priority order, path rules, redirects, settings, probes, WAF policies', () => {
  const rows = describeTarget(exampleModel('web-azure.yaml'), 'azure-appgw');
  const byType = (suffix: string) => rows.filter((r) => r.type.endsWith(suffix)).map((r) => `${r.id}: ${r.detail}`);
  expect(byType('applicationGateways')).toEqual(['web-agw: WAF_v2, public, IPv4, TLS AppGwSslPolicy20220101']);
  expect(byType('/requestRoutingRules')).toEqual([
    // Priorities from the listener names (providers/azure/plan/priorities.ts): exact hosts 1-9999, any host 18000-20000.
    'https_api.example.com: priority 5685: path map https_api.example.com',
    'http: priority 18012: redirect http_to-https',
    'https: priority 18365: path map https',
  ]);
  expect(byType('/pathRules')).toContain('https_static: /static /static/* /assets /assets/* -> pool static');
  expect(byType('/redirectConfigurations')).toEqual([
    'https_rule_old-home: Permanent to listener https +query',
    'http_to-https: Permanent to listener https +path +query',
  ]);
  expect(byType('WebApplicationFirewallPolicies')).toEqual([
    'web-agw-waf: 1 custom rules, OWASP 3.2 bypassed',
    'web-agw-waf-https: 2 custom rules, OWASP 3.2 bypassed, blocks with 429',
  ]);
});

test('azure-lb: public IP, load balancer, pool, probe and rule', () => {
  const rows = describeTarget(exampleModel('udp.yaml'), 'azure-lb');
  expect(rows.map((r) => `${r.type.replace('Microsoft.Network/', '')} ${r.id}: ${r.detail}`)).toEqual([
    'publicIPAddresses dns-lb-ipv4: Standard, static, IPv4',
    'loadBalancers dns-lb: Standard, public, IPv4',
    'loadBalancers/backendAddressPools resolvers: pool resolvers, IPv4',
    'loadBalancers/probes resolvers: Tcp:53 every 10s, threshold 3, AllProbedUp',
    'loadBalancers/loadBalancingRules dns: Udp 53 -> resolvers:53, SourceIP',
  ]);
});

test('a spec the target cannot compile gets one row saying so, not a crash', () => {
  const rows = describeTarget(exampleModel('web.yaml'), 'azure-appgw');
  expect(rows).toEqual([{ type: 'plan', id: 'web', detail: expect.stringMatching(/^not compiled: .*weighted-forward/) }]);
});

test('the describer and the plan load no Pulumi package (lbkit plan runs without them)', () => {
  const root = join(__dirname, '..', '..', 'providers', 'azure');
  const files = ['describe.ts', ...readdirSync(join(root, 'plan')).map((f) => join('plan', f))].filter((f) => statSync(join(root, f)).isFile());
  for (const file of files) expect({ file, imports: /from '@pulumi\//.test(readFileSync(join(root, file), 'utf8')) }).toEqual({ file, imports: false });
});

test('the backend and the placement check load no Pulumi package either (type imports only)', () => {
  const root = join(__dirname, '..', '..', 'providers', 'azure');
  for (const file of ['backend.ts', 'placement.ts', 'targets.ts', 'capabilities.ts', 'props.ts']) {
    const source = readFileSync(join(root, file), 'utf8');
    expect({ file, imports: /^import (?!type )[^;]*from '@pulumi\//m.test(source) }).toEqual({ file, imports: false });
  }
});
