/** Which frontends may share a port (lib/spec/semantic-listeners.ts): one row per rule, each with its path and fix. */
import { specIssues, type LoadBalancerSpec } from '../../lib/spec';

const https = (name: string, hostnames?: string[], extra: object = {}) => ({
  name,
  protocol: 'https' as const,
  port: 443,
  ...(hostnames ? { hostnames } : {}),
  tls: { certificate: 'site' },
  defaultAction: { forward: { pool: 'web' } },
  ...extra,
});

function spec(frontends: object[]): LoadBalancerSpec {
  return {
    name: 'web',
    certificates: [{ name: 'site' }],
    trustStores: [{ name: 'ca' }],
    frontends: frontends as LoadBalancerSpec['frontends'],
    pools: [
      { name: 'web', protocol: 'http', port: 8080 },
      { name: 'db', protocol: 'tcp', port: 5432 },
    ],
  };
}

describe('listeners with host names: which frontends share a port', () => {
  test('https frontends with distinct host names, an exact name under a wildcard and one catch-all share port 443', () => {
    const ok = spec([https('a', ['a.example.com']), https('wild', ['*.example.com', 'A.example.org']), https('rest')]);
    expect(specIssues(ok)).toEqual([]);
  });

  type Row = [title: string, frontends: object[], path: string, message: RegExp, fix: RegExp];
  const ROWS: Row[] = [
    [
      'hostnames on an L4 frontend',
      [{ name: 'db', protocol: 'tcp', port: 5432, hostnames: ['db.example.com'], defaultAction: { forward: { pool: 'db' } } }],
      'frontends[0].hostnames',
      /frontend 'db' is tcp/,
      /use an http or https frontend/,
    ],
    ['a host name listed twice (case-insensitive)', [https('a', ['a.example.com', 'A.Example.com'])], 'frontends[0].hostnames[1]', /listed twice/, /once/],
    [
      'the same host name on two frontends of a port',
      [https('a', ['a.example.com']), https('b', ['b.example.com', 'A.EXAMPLE.COM'])],
      'frontends[1].hostnames[1]',
      /'A.EXAMPLE.COM' is also served by frontend 'a' on port 443\/tcp/,
      /one frontend of the port/,
    ],
    [
      'the same wildcard on two frontends of a port',
      [https('a', ['*.example.com']), https('b', ['*.example.com'])],
      'frontends[1].hostnames[0]',
      /also served by frontend 'a'/,
      /one frontend of the port/,
    ],
    [
      'two catch-alls on one port',
      [https('a'), https('b')],
      'frontends[1].hostnames',
      /already has a frontend without hostnames \('a'\)/,
      /at most one catch-all/,
    ],
    [
      'http and https on one port',
      [https('a', ['a.example.com']), { name: 'b', protocol: 'http', port: 443, hostnames: ['b.example.com'], defaultAction: { forward: { pool: 'web' } } }],
      'frontends[1].port',
      /port 443\/tcp is already used by frontend 'a' \(https\)/,
      /all are http or all are https/,
    ],
    [
      'an L4 frontend on an http port',
      [https('a', ['a.example.com']), { name: 'db', protocol: 'tls', port: 443, tls: { certificate: 'site' }, defaultAction: { forward: { pool: 'db' } } }],
      'frontends[1].port',
      /already used by frontend 'a'/,
      /own port/,
    ],
    [
      'a different idle timeout on a shared port',
      [https('a', ['a.example.com']), https('b', ['b.example.com'], { idleTimeoutSeconds: 30 })],
      'frontends[1].idleTimeoutSeconds',
      /'30' here, '60' on frontend 'a'/,
      /same idleTimeoutSeconds on every frontend of port 443\/tcp/,
    ],
    [
      'different source ranges on a shared port',
      [https('a', ['a.example.com'], { allowedSourceCidrs: ['10.0.0.0/8'] }), https('b', ['b.example.com'])],
      'frontends[1].allowedSourceCidrs',
      /'everyone' here, '10.0.0.0\/8'/,
      /same allowedSourceCidrs/,
    ],
    [
      'HTTP/2 on one frontend of a shared port only',
      [https('a', ['a.example.com'], { http2: true }), https('b', ['b.example.com'])],
      'frontends[1].http2',
      /'false' here, 'true'/,
      /same http2/,
    ],
    [
      'a different minimum TLS version on a shared port',
      [https('a', ['a.example.com']), https('b', ['b.example.com'], { tls: { certificate: 'site', minimumVersion: '1.3' } })],
      'frontends[1].tls.minimumVersion',
      /'1.3' here, '1.2'/,
      /same tls.minimumVersion/,
    ],
    [
      'mutual TLS on one frontend of a shared port only',
      [https('a', ['a.example.com']), https('b', ['b.example.com'], { tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'ca' } } })],
      'frontends[1].tls.clientCertificateTrust',
      /'ca \(verify\)' here, 'off'/,
      /same tls.clientCertificateTrust/,
    ],
  ];
  test.each(ROWS)('%s', (_title, frontends, path, message, fix) => {
    const issues = specIssues(spec(frontends));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0].message).toMatch(message);
    expect(issues[0].fix).toMatch(fix);
  });

  test('a malformed host name is refused by the schema', () => {
    const issues = specIssues(spec([https('a', ['a.example.com:443'])]));
    expect(issues.map((i) => i.path)).toEqual(['frontends[0].hostnames[0]']);
  });
});
