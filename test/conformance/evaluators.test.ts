/**
 * The evaluators on documented behaviour lbkit's compilers never emit (so the corpus cannot reach it): ALB
 * wildcards and escapes, GCP path rules and the other header matches, Application Gateway '?' host names and
 * URL redirects. Each row is one documented sentence.
 */
import { evaluateListener, type ElbCondition, type ElbListener } from './evaluators/aws-alb';
import { azureOutcome, evaluateGateway, type ApplicationGateway } from './evaluators/azure-appgw';
import { evaluateUrlMap, gcpRequest, type GcpRequest, type HeaderMatch, type UrlMap } from './evaluators/gcp-url-map';
import { describeOutcome, type ConformanceRequest } from './evaluators/request';

const req = (over: Partial<ConformanceRequest> = {}): ConformanceRequest => ({
  frontend: 'web',
  method: 'GET',
  host: 'example.com',
  path: '/',
  query: '',
  headers: [],
  sourceIp: '10.0.0.1',
  ...over,
});

describe('ALB listener rules', () => {
  const listener = (condition: ElbCondition): ElbListener => ({
    Port: 80,
    Protocol: 'HTTP',
    DefaultActions: [{ Type: 'forward', TargetGroupArn: 'default' }],
    Rules: [{ Priority: 5, Conditions: [condition], Actions: [{ Type: 'forward', TargetGroupArn: 'rule' }] }],
  });
  test.each([
    ["host '*' matches 0 or more characters", { Field: 'host-header', HostHeaderConfig: { Values: ['*.example.com'] } }, { host: 'A.B.Example.com' }, 'rule'],
    [
      "host '?' matches exactly one character",
      { Field: 'host-header', HostHeaderConfig: { Values: ['api?.example.com'] } },
      { host: 'api1.example.com' },
      'rule',
    ],
    ["host '?' does not match two", { Field: 'host-header', HostHeaderConfig: { Values: ['api?.example.com'] } }, { host: 'api12.example.com' }, 'default'],
    ['path patterns are case-sensitive', { Field: 'path-pattern', PathPatternConfig: { Values: ['/img/*'] } }, { path: '/IMG/a' }, 'default'],
    ['a path pattern matches the whole path', { Field: 'path-pattern', PathPatternConfig: { Values: ['/img'] } }, { path: '/img/a' }, 'default'],
    ['a regex value is searched, not anchored', { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['v[0-9]'] } }, { path: '/api/v2/x' }, 'rule'],
    [
      'header values ignore case; any occurrence may match',
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['beta'] } },
      {
        headers: [
          ['x-env', 'dev'],
          ['X-ENV', 'BETA'],
        ],
      },
      'rule',
    ],
    ['a missing header does not match *', { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'x-env', Values: ['*'] } }, {}, 'default'],
    ["query '\\*' is a literal star", { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'q', Value: 'a\\*b' }] } }, { query: 'q=axb' }, 'default'],
    ["query '\\*' matches a star", { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'q', Value: 'a\\*b' }] } }, { query: 'q=a*b' }, 'rule'],
    ['a query value without key matches any key', { Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'x' }] } }, { query: 'k=X' }, 'rule'],
    ['methods are case-sensitive', { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } }, { method: 'get' }, 'default'],
    ['source-ip takes IPv6 blocks', { Field: 'source-ip', SourceIpConfig: { Values: ['2001:db8::/32'] } }, { sourceIp: '2001:db8::7' }, 'rule'],
  ] as const)('%s', (_name, condition, over, expected) => {
    expect(describeOutcome(evaluateListener(listener(condition as ElbCondition), req(over as Partial<ConformanceRequest>)))).toBe(`forward to ${expected}`);
  });

  test('lowest priority first; weight 0 takes nothing; a redirect fills in what it keeps', () => {
    const l: ElbListener = {
      Port: 8080,
      Protocol: 'HTTPS',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
      Rules: [
        {
          Priority: 20,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a*'] } }],
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: 'x', Weight: 0 },
                  { TargetGroupArn: 'y', Weight: 2 },
                ],
              },
            },
          ],
        },
        {
          Priority: 10,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a/*'] } }],
          Actions: [{ Type: 'redirect', RedirectConfig: { Path: '/#{path}/new', Query: 'from=#{port}', StatusCode: 'HTTP_302' } }],
        },
      ],
    };
    expect(describeOutcome(evaluateListener(l, req({ path: '/a/b', host: 'Example.com:8080' })))).toBe(
      'redirect 302 https://example.com:8080/a/b/new?from=8080',
    );
    expect(describeOutcome(evaluateListener(l, req({ path: '/ab' })))).toBe('forward to y');
    expect(describeOutcome(evaluateListener(l, req({ path: '/b' })))).toBe("fixed response 404 text/plain ''");
  });
});

describe('GCP URL maps', () => {
  const gcp = (over: Partial<GcpRequest> = {}): GcpRequest => ({ host: 'example.com', path: '/', headers: {}, query: [], ...over });
  const map: UrlMap = {
    hostRules: [
      { hosts: ['*.example.com'], pathMatcher: 'wild' },
      { hosts: ['*.b.example.com'], pathMatcher: 'deep' },
      { hosts: ['example.com'], pathMatcher: 'paths' },
    ],
    pathMatchers: [
      { name: 'wild', defaultService: 'wild' },
      { name: 'deep', defaultService: 'deep' },
      {
        name: 'paths',
        defaultService: 'none',
        pathRules: [
          { paths: ['/a/*'], service: 'a' },
          { paths: ['/a/b/*', '/x'], service: 'ab' },
        ],
      },
    ],
    defaultService: 'map-default',
  };
  test.each([
    ['the longest wildcard host wins', { host: 'x.b.example.com' }, 'deep'],
    ['a shorter wildcard takes the rest', { host: 'x.c.example.com' }, 'wild'],
    ['no host rule: the URL map default', { host: 'other.org' }, 'map-default'],
    ['path rules: the longest path wins whatever the order', { path: '/a/b/c' }, 'ab'],
    ["a path rule '/a/*' takes '/a/'", { path: '/a/' }, 'a'],
    ["a path rule '/a/*' does not take '/a'", { path: '/a' }, 'none'],
    ['an exact path rule', { path: '/x' }, 'ab'],
  ] as const)('%s', (_name, over, expected) => {
    expect(evaluateUrlMap(map, gcp(over))).toEqual({ kind: 'service', backendService: expected });
  });

  test.each([
    ['exactMatch is case-sensitive', { headerName: 'x-v', exactMatch: 'Beta' }, 'beta', false],
    ['suffixMatch', { headerName: 'x-v', suffixMatch: '-rc' }, '2.0-rc', true],
    ['rangeMatch is [start, end)', { headerName: 'x-v', rangeMatch: { rangeStart: 1, rangeEnd: 5 } }, '5', false],
    ['invertMatch negates', { headerName: 'x-v', exactMatch: 'beta', invertMatch: true }, 'beta', false],
    ['invertMatch on a missing header holds', { headerName: 'x-w', presentMatch: true, invertMatch: true }, 'beta', true],
  ] as const)('header %s', (_name, match, value, holds) => {
    const m: UrlMap = {
      pathMatchers: [
        {
          name: 'p',
          defaultService: 'no',
          routeRules: [{ priority: 1, matchRules: [{ prefixMatch: '/', headerMatches: [match as HeaderMatch] }], service: 'yes' }],
        },
      ],
      hostRules: [{ hosts: ['*'], pathMatcher: 'p' }],
    };
    expect(evaluateUrlMap(m, gcp({ headers: { 'x-v': value } }))).toEqual({ kind: 'service', backendService: holds ? 'yes' : 'no' });
  });
});

test("GCP: ':method' matches the request's method (HttpHeaderMatch.headerName)", () => {
  const m: UrlMap = {
    hostRules: [{ hosts: ['*'], pathMatcher: 'p' }],
    pathMatchers: [
      {
        name: 'p',
        defaultService: 'no',
        routeRules: [{ priority: 1, matchRules: [{ prefixMatch: '/', headerMatches: [{ headerName: ':method', regexMatch: 'POST|PUT' }] }], service: 'write' }],
      },
    ],
  };
  expect(evaluateUrlMap(m, gcpRequest(req({ method: 'PUT' })))).toEqual({ kind: 'service', backendService: 'write' });
  expect(evaluateUrlMap(m, gcpRequest(req({ method: 'GET' })))).toEqual({ kind: 'service', backendService: 'no' });
});

describe('Application Gateway', () => {
  const ref = (collection: string, name: string) => ({
    id: `/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/applicationGateways/g/${collection}/${name}`,
  });
  const gw: ApplicationGateway = {
    frontendPorts: [{ name: 'p80', port: 80 }],
    httpListeners: [
      {
        name: 'q',
        frontendIPConfiguration: ref('frontendIPConfigurations', 'pub'),
        frontendPort: ref('frontendPorts', 'p80'),
        protocol: 'Http',
        hostNames: ['api?.example.com'],
      },
      {
        name: 'any',
        frontendIPConfiguration: ref('frontendIPConfigurations', 'pub'),
        frontendPort: ref('frontendPorts', 'p80'),
        protocol: 'Http',
        hostNames: [],
      },
    ],
    redirectConfigurations: [
      { name: 'away', redirectType: 'Temporary', targetUrl: 'https://new.example.com/landing?src=agw', includePath: false, includeQueryString: true },
    ],
    requestRoutingRules: [
      {
        name: 'any',
        priority: 20,
        ruleType: 'Basic',
        httpListener: ref('httpListeners', 'any'),
        backendAddressPool: ref('backendAddressPools', 'web'),
        backendHttpSettings: ref('backendHttpSettingsCollection', 'web'),
      },
      { name: 'q', priority: 10, ruleType: 'Basic', httpListener: ref('httpListeners', 'q'), redirectConfiguration: ref('redirectConfigurations', 'away') },
    ],
  };
  const outcome = (host: string, query = '') =>
    describeOutcome(azureOutcome(gw, evaluateGateway(gw, { port: 80, frontendIPConfiguration: 'pub' }, host, '/p'), req({ host, query, path: '/p' })));
  test("'?' in a host name is one character; the lower priority number is tried first", () => {
    expect(outcome('API1.example.com', 'x=1')).toBe('redirect 307 https://new.example.com/landing?src=agw&x=1');
    expect(outcome('api12.example.com')).toBe('forward to web');
  });
  test('a request on a port no listener serves has no route', () => {
    expect(evaluateGateway(gw, { port: 8080, frontendIPConfiguration: 'pub' }, 'example.com', '/')).toBeUndefined();
  });
});
