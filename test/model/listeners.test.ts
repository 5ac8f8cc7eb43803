/** Binding a request to one frontend of its port (lib/model/listeners.ts): SNI, then Host; exact > longest wildcard > none. */
import { buildModel } from '../../lib/model/build';
import { bindHost, bindRequest, bindServerName, frontendsByPort, needsBinding } from '../../lib/model/listeners';
import type { FrontendModel } from '../../lib/model/types';

const https = (name: string, hostnames?: string[]) => ({
  name,
  protocol: 'https' as const,
  port: 443,
  ...(hostnames ? { hostnames } : {}),
  tls: { certificate: 'site' },
  defaultAction: { fixedResponse: { statusCode: 200, body: name } },
});

const model = buildModel({
  name: 'web',
  certificates: [{ name: 'site' }],
  frontends: [
    https('wild', ['*.example.com']),
    https('deep', ['*.api.example.com']),
    https('exact', ['Api.Example.com', 'www.example.org']),
    https('rest'),
    { name: 'plain', protocol: 'http', port: 80, hostnames: ['a.example.com'], defaultAction: { fixedResponse: { statusCode: 200 } } },
  ],
});
const [port443, port80] = frontendsByPort(model.frontends);
const name = (f: FrontendModel | undefined) => f?.name;

describe('listener binding', () => {
  test('the model keeps host names lower-case, wildcards with their suffix; ports group the frontends', () => {
    expect(model.frontends[2].hostnames).toEqual([
      { kind: 'exact', value: 'api.example.com' },
      { kind: 'exact', value: 'www.example.org' },
    ]);
    expect(model.frontends[0].hostnames).toEqual([{ kind: 'wildcard', suffix: '.example.com', value: '*.example.com' }]);
    expect(model.frontends[3].hostnames).toBeUndefined();
    expect(port443.map((f) => f.name)).toEqual(['wild', 'deep', 'exact', 'rest']);
    expect(port80.map((f) => f.name)).toEqual(['plain']);
    expect([needsBinding(port443), needsBinding(port80), needsBinding([model.frontends[3]])]).toEqual([true, true, false]);
  });

  test.each([
    ['api.example.com', 'exact'],
    ['API.EXAMPLE.COM:443', 'exact'],
    ['api.example.com.', 'exact'],
    ['v1.api.example.com', 'deep'],
    ['a.b.api.example.com', 'deep'],
    ['foo.example.com', 'wild'],
    ['foo.bar.example.com', 'wild'],
    ['example.com', 'rest'],
    ['www.example.org', 'exact'],
    ['other.org', 'rest'],
    ['127.0.0.1:8443', 'rest'],
    ['', 'rest'],
  ])('Host %j binds to %s (exact > longest wildcard > no host names)', (host, expected) => {
    expect(name(bindHost(port443, host))).toBe(expected);
  });

  test('without a catch-all, a host no frontend serves binds to nothing', () => {
    expect(name(bindHost(port80, 'a.example.com'))).toBe('plain');
    expect(bindHost(port80, 'b.example.com')).toBeUndefined();
    expect(bindHost(port80, 'example.com')).toBeUndefined();
  });

  test('SNI binds the connection; no SNI takes the catch-all, or nothing', () => {
    expect(name(bindServerName(port443, 'foo.example.com'))).toBe('wild');
    expect(name(bindServerName(port443, undefined))).toBe('rest');
    expect(bindServerName(port80, undefined)).toBeUndefined();
    expect(bindServerName(port80, 'b.example.com')).toBeUndefined();
  });

  test.each([
    // [SNI, Host, outcome]
    ['api.example.com', 'api.example.com', 'bound exact'],
    ['api.example.com', 'API.example.com:443', 'bound exact'],
    ['foo.example.com', 'bar.example.com', 'bound wild'],
    ['foo.example.com', 'api.example.com', 'misdirected wild->exact'],
    ['api.example.com', 'foo.example.com', 'misdirected exact->wild'],
    ['other.org', 'api.example.com', 'misdirected rest->exact'],
    ['api.example.com', 'other.org', 'misdirected exact->rest'],
    [undefined, 'other.org', 'bound rest'],
    [undefined, 'api.example.com', 'misdirected rest->exact'],
  ])('https: SNI %j, Host %j: %s', (sni, host, expected) => {
    const b = bindRequest(port443, host, bindServerName(port443, sni));
    const text = b.kind === 'bound' ? `bound ${b.frontend.name}` : b.kind === 'misdirected' ? `misdirected ${b.connection.name}->${b.host.name}` : 'unbound';
    expect(text).toBe(expected);
  });

  test('http: Host alone binds; a host no frontend serves is unbound (404)', () => {
    expect(bindRequest(port80, 'a.example.com:80')).toEqual({ kind: 'bound', frontend: port80[0] });
    expect(bindRequest(port80, 'b.example.com')).toEqual({ kind: 'unbound' });
  });
});
