/** The matching semantics of SEMANTICS.md, value by value. The local proxy executes exactly this code. */
import { buildModel, matches, normalizeHost, parseQuery, selectRule, type RequestView } from '../../lib/model';
import type { RuleMatchSpec } from '../../lib/spec';
import { cidrContains, parseCidr, parseIp } from '../../lib/util/cidr';

function request(partial: Partial<Omit<RequestView, 'header'>> & { headers?: Record<string, string[]> } = {}): RequestView {
  const headers = partial.headers ?? {};
  return {
    method: partial.method ?? 'GET',
    host: partial.host ?? 'example.com',
    path: partial.path ?? '/',
    query: partial.query ?? '',
    sourceIp: partial.sourceIp ?? '127.0.0.1',
    header: (name) => headers[name] ?? [],
  };
}

/** The one frontend of a model whose rules (each forwarding to pool 'p') are these, and 404 otherwise. */
function frontendWith(rules: ReadonlyArray<{ name: string; match: RuleMatchSpec }>) {
  const model = buildModel({
    name: 't',
    frontends: [
      {
        name: 'f',
        protocol: 'http',
        port: 80,
        rules: rules.map((r) => ({ ...r, action: { forward: { pool: 'p' } } })),
        defaultAction: { fixedResponse: { statusCode: 404 } },
      },
    ],
    pools: [{ name: 'p', protocol: 'http', port: 8080 }],
  });
  return model.frontends[0];
}

function matcher(match: RuleMatchSpec) {
  const rule = frontendWith([{ name: 'r', match }]).rules[0];
  return (req: RequestView) => matches(rule.match, req);
}

type Case = [description: string, match: RuleMatchSpec, req: Parameters<typeof request>[0], expected: boolean];

const CASES: Case[] = [
  // hosts
  ['exact host', { hosts: ['example.com'] }, { host: 'example.com' }, true],
  ['host is case-insensitive', { hosts: ['Example.COM'] }, { host: 'EXAMPLE.com' }, true],
  ['the port in Host is ignored', { hosts: ['example.com'] }, { host: 'example.com:8443' }, true],
  ['a trailing dot is ignored', { hosts: ['example.com'] }, { host: 'example.com.' }, true],
  ['wildcard matches one label', { hosts: ['*.example.com'] }, { host: 'a.example.com' }, true],
  ['wildcard matches several labels', { hosts: ['*.example.com'] }, { host: 'a.b.example.com' }, true],
  ['wildcard never matches the bare domain', { hosts: ['*.example.com'] }, { host: 'example.com' }, false],
  ['wildcard needs the dot', { hosts: ['*.example.com'] }, { host: 'badexample.com' }, false],
  ['host values are alternatives', { hosts: ['a.com', 'b.com'] }, { host: 'b.com' }, true],
  // paths
  ['prefix matches itself', { paths: [{ prefix: '/api' }] }, { path: '/api' }, true],
  ['prefix matches its trailing slash', { paths: [{ prefix: '/api' }] }, { path: '/api/' }, true],
  ['prefix matches below it', { paths: [{ prefix: '/api' }] }, { path: '/api/x/y' }, true],
  ['prefix matches whole segments only', { paths: [{ prefix: '/api' }] }, { path: '/apix' }, false],
  ['prefix with trailing slash is the same prefix', { paths: [{ prefix: '/api/' }] }, { path: '/api' }, true],
  ['root prefix matches everything', { paths: [{ prefix: '/' }] }, { path: '/anything/at/all' }, true],
  ['paths are case-sensitive', { paths: [{ prefix: '/api' }] }, { path: '/API' }, false],
  ['paths are compared undecoded', { paths: [{ prefix: '/a b' }] }, { path: '/a%20b' }, false],
  ['exact path', { paths: [{ exact: '/a' }] }, { path: '/a' }, true],
  ['exact path is not a prefix', { paths: [{ exact: '/a' }] }, { path: '/a/' }, false],
  ['regex must match the whole path', { paths: [{ regex: '/v[0-9]+' }] }, { path: '/v2/x' }, false],
  ['regex full match', { paths: [{ regex: '/v[0-9]+/.*' }] }, { path: '/v2/x' }, true],
  ['path values are alternatives', { paths: [{ exact: '/a' }, { prefix: '/b' }] }, { path: '/b/c' }, true],
  // headers
  ['header names are case-insensitive', { headers: [{ name: 'X-Env', exact: 'prod' }] }, { headers: { 'x-env': ['prod'] } }, true],
  ['exact header values ignore case', { headers: [{ name: 'x-env', exact: 'Prod' }] }, { headers: { 'x-env': ['PROD'] } }, true],
  ['exact header value is whole', { headers: [{ name: 'x-env', exact: 'prod' }] }, { headers: { 'x-env': ['production'] } }, false],
  ['prefix header value ignores case', { headers: [{ name: 'x-env', prefix: 'Pro' }] }, { headers: { 'x-env': ['production'] } }, true],
  ['regex header value is case-sensitive and whole', { headers: [{ name: 'x-env', regex: 'p[a-z]+' }] }, { headers: { 'x-env': ['Prod'] } }, false],
  ['any occurrence of a header may match', { headers: [{ name: 'x-env', exact: 'b' }] }, { headers: { 'x-env': ['a', 'b'] } }, true],
  ['present needs the header', { headers: [{ name: 'x-env', present: true }] }, { headers: {} }, false],
  ['present accepts an empty value', { headers: [{ name: 'x-env', present: true }] }, { headers: { 'x-env': [''] } }, true],
  [
    'each header condition must hold',
    {
      headers: [
        { name: 'a', present: true },
        { name: 'b', present: true },
      ],
    },
    { headers: { a: ['1'] } },
    false,
  ],
  // query
  ['query exact', { query: [{ name: 'v', exact: '2' }] }, { query: 'a=1&v=2' }, true],
  ['query names and values ignore case', { query: [{ name: 'Debug', exact: 'ON' }] }, { query: 'debug=on' }, true],
  ['query values are decoded', { query: [{ name: 'q', exact: 'a b' }] }, { query: 'q=a%20b' }, true],
  ['query present without a value', { query: [{ name: 'debug', present: true }] }, { query: 'debug' }, true],
  ['query present needs the name', { query: [{ name: 'debug', present: true }] }, { query: 'debugx=1' }, false],
  // methods and sources
  ['methods are alternatives', { methods: ['GET', 'POST'] }, { method: 'POST' }, true],
  ['methods are case-sensitive', { methods: ['GET'] }, { method: 'get' }, false],
  ['source CIDR', { sourceCidrs: ['10.0.0.0/8'] }, { sourceIp: '10.1.2.3' }, true],
  ['source CIDR matches an IPv4-mapped address', { sourceCidrs: ['10.0.0.0/8'] }, { sourceIp: '::ffff:10.1.2.3' }, true],
  ['source CIDR outside', { sourceCidrs: ['10.0.0.0/8'] }, { sourceIp: '11.0.0.1' }, false],
  ['IPv6 source CIDR', { sourceCidrs: ['2001:db8::/32'] }, { sourceIp: '2001:db8::1' }, true],
  // AND across conditions
  ['all conditions must hold', { hosts: ['a.com'], paths: [{ prefix: '/x' }] }, { host: 'a.com', path: '/y' }, false],
  ['no conditions match everything', {}, { path: '/whatever' }, true],
];

describe('matching semantics', () => {
  test.each(CASES)('%s', (_d, match, req, expected) => {
    expect(matcher(match)(request(req))).toBe(expected);
  });

  test('the first matching rule wins; none means the default action', () => {
    const f = frontendWith([
      { name: 'one', match: { paths: [{ prefix: '/a' }] } },
      { name: 'two', match: { paths: [{ prefix: '/' }] } },
    ]);
    expect(selectRule(f, request({ path: '/a/b' }))?.id).toBe('one');
    expect(selectRule(f, request({ path: '/b' }))?.id).toBe('two');
  });

  test('helpers', () => {
    expect(normalizeHost('[::1]:8080')).toBe('[::1]');
    expect(normalizeHost('Example.COM:80')).toBe('example.com');
    expect(parseQuery('a=1&&b&c=%zz')).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', '%zz'],
    ]);
  });
});

describe('addresses', () => {
  test.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['256.0.0.1', false],
    ['::1', true],
    ['2001:db8::', true],
    ['::ffff:1.2.3.4', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['abc', false],
  ])('parseIp(%s) -> valid %s', (text, valid) => {
    expect(parseIp(text) !== undefined).toBe(valid);
  });

  test('CIDR containment', () => {
    expect(cidrContains(parseCidr('0.0.0.0/0')!, '8.8.8.8')).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, '2001:db8::1')).toBe(false);
    expect(cidrContains(parseCidr('::/0')!, '8.8.8.8')).toBe(true);
    expect(cidrContains(parseCidr('192.168.1.0/24')!, '192.168.2.1')).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
});
