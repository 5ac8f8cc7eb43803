/** One row per validation rule: a mistake planted in a valid spec yields exactly that issue, at that path. */
import { specIssues, validateSpec, SpecValidationError, type LoadBalancerSpec } from '../../lib/spec';
import { weighted } from '../support/specs';

function base(): LoadBalancerSpec {
  return {
    name: 'web',
    certificates: [{ name: 'site' }],
    trustStores: [{ name: 'corp-ca' }],
    frontends: [
      {
        name: 'https',
        protocol: 'https',
        port: 443,
        tls: { certificate: 'site' },
        rules: [
          { name: 'api', match: { paths: [{ prefix: '/api' }] }, action: { forward: { pool: 'api' } } },
          {
            name: 'canary',
            match: { headers: [{ name: 'x-canary', present: true }] },
            action: weighted({ web: 1, api: 1 }),
          },
          { name: 'old', match: { paths: [{ exact: '/old' }] }, action: { redirect: { path: '/' } } },
        ],
        defaultAction: { forward: { pool: 'web' } },
      },
      { name: 'http', protocol: 'http', port: 80, redirectHttpToHttps: true },
      { name: 'db', protocol: 'tcp', port: 5432, defaultAction: { forward: { pool: 'pg' } } },
    ],
    pools: [
      { name: 'web', protocol: 'http', port: 8080 },
      { name: 'api', protocol: 'http', port: 9000, healthCheck: { path: '/health', intervalSeconds: 10, timeoutSeconds: 5 } },
      { name: 'pg', protocol: 'tcp', port: 5432 },
    ],
    rateLimits: [{ name: 'per-ip', limit: 100, windowSeconds: 60 }],
  };
}

type Row = [title: string, mutate: (s: any) => void, path: string, message: RegExp, fix: RegExp];

const ROWS: Row[] = [
  // structure
  ['missing required field', (s) => delete s.frontends[0].port, 'frontends[0].port', /missing required field 'port'/, /add 'port'/],
  [
    'unknown field, with a suggestion',
    (s) => {
      s.frontends[0].protocl = 'http';
    },
    'frontends[0].protocl',
    /unknown field 'protocl'/,
    /did you mean 'protocol'/,
  ],
  [
    'wrong type',
    (s) => {
      s.frontends[0].port = '443';
    },
    'frontends[0].port',
    /expected number, got the string "443"/,
    /write number/,
  ],
  [
    'enum value',
    (s) => {
      s.pools[0].algorithm = 'fastest';
    },
    'pools[0].algorithm',
    /"fastest" is not allowed/,
    /round-robin/,
  ],
  [
    'port out of range',
    (s) => {
      s.frontends[0].port = 70000;
    },
    'frontends[0].port',
    /allows at most 65535, got 70000/,
    /<= 65535/,
  ],
  [
    'bad name',
    (s) => {
      s.pools[0].name = 'Web_1';
    },
    'pools[0].name',
    /pool name must be 1-32 characters/,
    /.+/,
  ],
  [
    'action with two kinds',
    (s) => {
      s.frontends[0].defaultAction.redirect = { path: '/' };
    },
    'frontends[0].defaultAction',
    /needs exactly one of: forward, weightedForward, redirect, fixedResponse/,
    /keep exactly one/,
  ],
  [
    'header match with two kinds',
    (s) => {
      s.frontends[0].rules[1].match.headers[0].exact = 'yes';
    },
    'frontends[0].rules[1].match.headers[0]',
    /needs exactly one of: exact, prefix, regex, present/,
    /keep exactly one/,
  ],
  [
    'unknown session persistence type',
    (s) => {
      s.pools[0].sessionPersistence = { type: 'sticky' };
    },
    'pools[0].sessionPersistence.type',
    /unknown type "sticky"/,
    /lb-cookie, app-cookie, source-ip/,
  ],
  [
    'bad success codes',
    (s) => {
      s.pools[1].healthCheck.successCodes = '2xx';
    },
    'pools[1].healthCheck.successCodes',
    /must be status codes and ranges/,
    /.+/,
  ],
  [
    'host with a port',
    (s) => {
      s.frontends[0].rules[0].match.hosts = ['example.com:443'];
    },
    'frontends[0].rules[0].match.hosts[0]',
    /must be a host name/,
    /.+/,
  ],
  [
    'empty frontends',
    (s) => {
      s.frontends = [];
    },
    'frontends',
    /needs at least 1 entry/,
    /add entries/,
  ],
  // references
  [
    'unknown pool, with a suggestion',
    (s) => {
      s.frontends[0].rules[0].action.forward.pool = 'apii';
    },
    'frontends[0].rules[0].action.forward.pool',
    /unknown pool 'apii'/,
    /did you mean 'api'/,
  ],
  [
    'unknown pool in a weighted forward',
    (s) => {
      s.frontends[0].rules[1].action.weightedForward.pools[1].pool = 'nope';
    },
    'frontends[0].rules[1].action.weightedForward.pools[1].pool',
    /unknown pool 'nope'/,
    /use one of: web, api, pg/,
  ],
  [
    'unknown certificate',
    (s) => {
      s.frontends[0].tls.certificate = 'other';
    },
    'frontends[0].tls.certificate',
    /unknown certificate 'other'/,
    /declare it under certificates/,
  ],
  [
    'unknown trust store',
    (s) => {
      s.frontends[0].tls.clientCertificateTrust = { trustStore: 'x' };
    },
    'frontends[0].tls.clientCertificateTrust.trustStore',
    /unknown trust store 'x'/,
    /declare it under trustStores/,
  ],
  [
    'unknown frontend in a rate-limit scope',
    (s) => {
      s.rateLimits[0].scope = { frontends: ['htps'] };
    },
    'rateLimits[0].scope.frontends[0]',
    /unknown frontend 'htps'/,
    /did you mean 'https'/,
  ],
  [
    'unknown rule in a rate-limit scope',
    (s) => {
      s.rateLimits[0].scope = { rules: ['https/nope'] };
    },
    'rateLimits[0].scope.rules[0]',
    /frontend 'https' has no rule 'nope'/,
    /.+/,
  ],
  [
    'rate limit scoped to an L4 frontend',
    (s) => {
      s.rateLimits[0].scope = { frontends: ['db'] };
    },
    'rateLimits[0].scope.frontends[0]',
    /frontend 'db' is tcp/,
    /http or https/,
  ],
  // duplicates
  [
    'duplicate pool name',
    (s) => {
      s.pools[2].name = 'web';
      s.frontends[2].defaultAction.forward.pool = 'web';
      s.pools[2].protocol = 'http';
      s.frontends.pop();
    },
    'pools[2].name',
    /duplicate pool name 'web' \(also pools\[0\]\)/,
    /unique/,
  ],
  [
    'duplicate frontend name',
    (s) => {
      s.frontends[1].name = 'https';
    },
    'frontends[1].name',
    /duplicate frontend name 'https'/,
    /unique/,
  ],
  [
    'duplicate rule name',
    (s) => {
      s.frontends[0].rules[2].name = 'api';
    },
    'frontends[0].rules[2].name',
    /duplicate rule name 'api'/,
    /unique within a frontend/,
  ],
  [
    'duplicate port',
    (s) => {
      s.frontends[1].port = 443;
    },
    'frontends[1].port',
    /port 443\/tcp is already used by frontend 'https'/,
    /own port/,
  ],
  [
    'pool listed twice in a weighted forward',
    (s) => {
      s.frontends[0].rules[1].action.weightedForward.pools[1].pool = 'web';
    },
    'frontends[0].rules[1].action.weightedForward.pools[1].pool',
    /listed twice/,
    /add up its weights/,
  ],
  // protocols and layers
  [
    'https without tls',
    (s) => {
      delete s.frontends[0].tls;
    },
    'frontends[0].tls',
    /an https frontend needs a certificate/,
    /tls: \{ certificate/,
  ],
  [
    'tls on http',
    (s) => {
      s.frontends[1].tls = { certificate: 'site' };
    },
    'frontends[1].tls',
    /only for https and tls frontends, not http/,
    /remove tls/,
  ],
  [
    'rules on an L4 frontend',
    (s) => {
      s.frontends[2].rules = [];
    },
    'frontends[2].rules',
    /rules is HTTP routing; frontend 'db' is tcp \(L4\)/,
    /remove rules/,
  ],
  [
    'redirect action on an L4 frontend',
    (s) => {
      s.frontends[2].defaultAction = { redirect: { path: '/' } };
    },
    'frontends[2].defaultAction',
    /redirect is an HTTP action/,
    /forward or weightedForward/,
  ],
  [
    'L7 frontend to a tcp pool',
    (s) => {
      s.frontends[0].defaultAction.forward.pool = 'pg';
    },
    'frontends[0].defaultAction.forward.pool',
    /a https frontend cannot forward to tcp pool 'pg'/,
    /http or https/,
  ],
  [
    'missing default action',
    (s) => {
      delete s.frontends[0].defaultAction;
    },
    'frontends[0].defaultAction',
    /has no defaultAction/,
    /add defaultAction/,
  ],
  [
    'redirecting frontend with rules',
    (s) => {
      s.frontends[1].rules = [{ name: 'x', action: { forward: { pool: 'web' } } }];
    },
    'frontends[1].rules',
    /has no use for rules/,
    /remove the rules/,
  ],
  [
    'redirectHttpToHttps on https',
    (s) => {
      s.frontends[0].redirectHttpToHttps = true;
    },
    'frontends[0].redirectHttpToHttps',
    /only an http frontend can redirect/,
    /remove/,
  ],
  [
    'cookie persistence on a tcp pool',
    (s) => {
      s.pools[2].sessionPersistence = { type: 'lb-cookie' };
    },
    'pools[2].sessionPersistence',
    /lb-cookie needs HTTP/,
    /source-ip/,
  ],
  [
    'udp pool without a health check',
    (s) => {
      s.pools[2].protocol = 'udp';
      s.frontends[2].protocol = 'udp';
    },
    'pools[2].healthCheck',
    /udp pool needs an explicit health check/,
    /protocol: tcp/,
  ],
  // values
  [
    'timeout not below interval',
    (s) => {
      s.pools[1].healthCheck.timeoutSeconds = 10;
    },
    'pools[1].healthCheck.timeoutSeconds',
    /timeout 10s is not below interval 10s/,
    /below 10/,
  ],
  [
    'threshold out of range',
    (s) => {
      s.pools[1].healthCheck.unhealthyThreshold = 11;
    },
    'pools[1].healthCheck.unhealthyThreshold',
    /allows at most 10, got 11/,
    /<= 10/,
  ],
  [
    'backwards success-code range',
    (s) => {
      s.pools[1].healthCheck.successCodes = '299-200';
    },
    'pools[1].healthCheck.successCodes',
    /range '299-200' runs backwards/,
    /200-299/,
  ],
  [
    'path on a tcp probe',
    (s) => {
      s.pools[2].healthCheck = { path: '/x' };
    },
    'pools[2].healthCheck.path',
    /a tcp health check has no path/,
    /protocol: http/,
  ],
  [
    'all weights zero',
    (s) => {
      s.frontends[0].rules[1].action.weightedForward.pools.forEach((p: any) => {
        p.weight = 0;
      });
    },
    'frontends[0].rules[1].action.weightedForward.pools',
    /every weight is 0/,
    /above 0/,
  ],
  [
    'bad CIDR',
    (s) => {
      s.frontends[0].rules[0].match.sourceCidrs = ['10.0.0.300/8'];
    },
    'frontends[0].rules[0].match.sourceCidrs[0]',
    /'10.0.0.300\/8' is not a valid CIDR block/,
    /10.0.0.0\/8/,
  ],
  [
    'CIDR with host bits',
    (s) => {
      s.frontends[0].allowedSourceCidrs = ['10.1.2.3/8'];
    },
    'frontends[0].allowedSourceCidrs[0]',
    /has host bits set/,
    /10.0.0.0\/8/,
  ],
  [
    'invalid regex',
    (s) => {
      s.frontends[0].rules[0].match.paths = [{ regex: '/a(' }];
    },
    'frontends[0].rules[0].match.paths[0].regex',
    /not a valid regular expression/,
    /portable subset/,
  ],
  [
    'non-portable regex',
    (s) => {
      s.frontends[0].rules[0].match.paths = [{ regex: '/(?=a)' }];
    },
    'frontends[0].rules[0].match.paths[0].regex',
    /lookahead/,
    /portable subset/,
  ],
  [
    "regex repetition above RE2's 1000",
    (s) => {
      s.frontends[0].rules[0].match.paths = [{ regex: '/a{1000000000}' }];
    },
    'frontends[0].rules[0].match.paths[0].regex',
    /RE2 syntax: invalid repeat count.*at most 1000 repetitions/,
    /portable subset/,
  ],
  [
    "nested repetition above RE2's 1000",
    (s) => {
      s.frontends[0].rules[1].match.headers = [{ name: 'x-id', regex: '(a{100}){100}' }];
    },
    'frontends[0].rules[1].match.headers[0].regex',
    /invalid repeat count/,
    /portable subset/,
  ],
  [
    'regex backreference in a header',
    (s) => {
      s.frontends[0].rules[1].match.headers = [{ name: 'x-id', regex: '(a)\\1' }];
    },
    'frontends[0].rules[1].match.headers[0].regex',
    /backreferences/,
    /portable subset/,
  ],
  [
    'atomic group',
    (s) => {
      s.frontends[0].rules[0].match.paths = [{ regex: '/(?>a+)b' }];
    },
    'frontends[0].rules[0].match.paths[0].regex',
    /atomic groups/,
    /portable subset/,
  ],
  [
    'RE2-only syntax',
    (s) => {
      s.frontends[0].rules[0].match.paths = [{ regex: '/a\\z' }];
    },
    'frontends[0].rules[0].match.paths[0].regex',
    /JavaScript syntax/,
    /portable subset/,
  ],
  [
    'POSIX class',
    (s) => {
      s.frontends[0].rules[0].match.paths = [{ regex: '/[[:alpha:]]+' }];
    },
    'frontends[0].rules[0].match.paths[0].regex',
    /POSIX classes/,
    /portable subset/,
  ],
  [
    'Host as a header condition',
    (s) => {
      s.frontends[0].rules[1].match.headers = [{ name: 'Host', exact: 'a.com' }];
    },
    'frontends[0].rules[1].match.headers[0].name',
    /match the Host header with match.hosts/,
    /match.hosts/,
  ],
  [
    'redirect that changes nothing',
    (s) => {
      s.frontends[0].rules[2].action.redirect = {};
    },
    'frontends[0].rules[2].action.redirect',
    /changes nothing/,
    /scheme, host, port, path, query/,
  ],
];

describe('validation rules', () => {
  test('the base spec is valid', () => {
    expect(specIssues(base())).toEqual([]);
  });

  test.each(ROWS)('%s', (_title, mutate, path, message, fix) => {
    const spec = base();
    mutate(spec);
    const issues = specIssues(spec);
    const issue = issues.find((i) => i.path === path);
    expect({ paths: issues.map((i) => i.path), found: issue !== undefined }).toEqual({ paths: expect.arrayContaining([path]), found: true });
    expect(issue!.message).toMatch(message);
    expect(issue!.fix ?? '').toMatch(fix);
  });

  test('every problem is reported at once, each with its path', () => {
    const spec: any = base();
    spec.frontends[0].rules[0].action.forward.pool = 'nope';
    spec.pools[1].healthCheck.timeoutSeconds = 20;
    spec.frontends[1].port = 443;
    delete spec.frontends[0].tls;
    const issues = specIssues(spec);
    expect(issues.map((i) => i.path).sort()).toEqual([
      'frontends[0].rules[0].action.forward.pool',
      'frontends[0].tls',
      'frontends[1].port',
      'pools[1].healthCheck.timeoutSeconds',
    ]);
  });

  test('validateSpec throws a typed error with a stable code and every issue', () => {
    const spec: any = base();
    spec.pools[0].algorithm = 'x';
    spec.frontends[0].port = 0;
    let error: unknown;
    try {
      validateSpec(spec, { file: 'web.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecValidationError);
    const e = error as SpecValidationError;
    expect(e.code).toBe('LBKIT_SPEC_INVALID');
    expect(e.issues).toHaveLength(2);
    expect(e.message).toContain('web.yaml: the load balancer spec has 2 problems');
    expect(e.message).toContain('frontends[0].port: needs at least 1');
  });

  test('a non-object spec is one clear issue', () => {
    expect(specIssues('hello')).toEqual([{ path: '', message: 'expected object, got the string "hello"', fix: 'write object here' }]);
    expect(specIssues(null)[0].message).toBe('expected object, got null');
  });
});
