/** Path conditions: segment prefixes, exact paths, whole-path regexes, case, and rule order over paths. */
import { forward, forwardRule, redirect, requests, rule, type Scenario, webSpec } from './scenario';

const PATH_TARGETS = ['aws-alb', 'gcp-alb-global', 'gcp-alb-regional'] as const;

export const PATH_SCENARIOS: readonly Scenario[] = [
  {
    name: 'a path prefix is a segment prefix',
    about:
      "'/api' takes '/api', '/api/' and what is below it, never '/apix'; paths are case-sensitive; the query is not part of the path; a trailing '/' in the prefix changes nothing",
    spec: webSpec([forwardRule('api', { paths: [{ prefix: '/api' }] }, 'api'), forwardRule('docs', { paths: [{ prefix: '/docs/' }] }, 'docs')]),
    targets: PATH_TARGETS,
    requests: requests('web', [
      [forward('api'), '/api', '/api/', '/api/v1/users', '/api?x=/apix'],
      [forward('docs'), '/docs', '/docs/intro'],
      [forward('web'), '/apix', '/ap', '/API/v1', '/docsx', '/'],
    ]),
  },
  {
    name: 'exact paths and whole-path regexes',
    about: 'an exact path is the whole path, case-sensitive; a regex must match the whole path; a host-scoped catch-all only takes its host',
    spec: webSpec([
      forwardRule('health', { paths: [{ exact: '/health' }] }, 'ops'),
      forwardRule('items', { paths: [{ regex: '/v[0-9]+/items' }] }, 'api'),
      forwardRule('static', { hosts: ['static.example.com'], paths: [{ prefix: '/' }] }, 'static'),
    ]),
    targets: PATH_TARGETS,
    requests: requests('web', [
      [forward('ops'), '/health', '//static.example.com/health'],
      [forward('api'), '/v1/items', '/v12/items'],
      [forward('static'), '//static.example.com/anything/at/all'],
      [forward('web'), '/health/', '/Health', '/healthz', '/v1/items/3', '/x/v1/items', '/v/items'],
    ]),
  },
  {
    name: 'first match wins over paths and hosts',
    about: 'rules are tried in order: a broader rule before a narrower one takes its requests (the model warns that the narrower one is shadowed)',
    spec: webSpec([
      forwardRule('a', { paths: [{ prefix: '/a' }] }, 'a'),
      forwardRule('ab', { paths: [{ prefix: '/a/b' }] }, 'ab'),
      forwardRule('api', { hosts: ['api.example.com'] }, 'api'),
    ]),
    targets: PATH_TARGETS,
    requests: requests('web', [
      [forward('a'), '/a/b', '/a/b/c', '//api.example.com/a'],
      [forward('api'), '//api.example.com/x'],
      [forward('web'), '/x'],
    ]),
  },
  {
    name: 'most-specific order',
    about: 'Gateway API precedence: exact host, then wildcard host, then the longer prefix, whatever the declaration order',
    spec: webSpec(
      [
        forwardRule('wild', { hosts: ['*.example.com'] }, 'wild'),
        forwardRule('api', { hosts: ['api.example.com'] }, 'api'),
        forwardRule('a', { paths: [{ prefix: '/a' }] }, 'a'),
        forwardRule('ab', { paths: [{ prefix: '/a/b' }] }, 'ab'),
      ],
      { ruleOrder: 'most-specific' },
    ),
    targets: PATH_TARGETS,
    requests: requests('web', [
      [forward('api'), '//api.example.com/a/b'],
      [forward('wild'), '//x.example.com/a/b'],
      [forward('ab'), '/a/b/c'],
      [forward('a'), '/a/x'],
      [forward('web'), '/b'],
    ]),
  },
  {
    name: 'a port other than the default',
    about: "on port 8080 clients send 'Host: name:8080': host conditions still hold, and a redirect keeps the port",
    spec: webSpec([forwardRule('api', { hosts: ['api.example.com'] }, 'api'), rule('old', { paths: [{ exact: '/old' }] }, { redirect: { path: '/new' } })], {
      port: 8080,
    }),
    targets: PATH_TARGETS,
    unsettled: {
      'gcp-alb-global': 'the URL-map documentation does not say whether the port in Host takes part in host-rule matching',
      'gcp-alb-regional': 'the URL-map documentation does not say whether the port in Host takes part in host-rule matching',
    },
    requests: requests('web', [
      [forward('api'), '//api.example.com:8080/', '//API.example.com:8080/'],
      [redirect(301, 'http://example.com:8080/new?x=1'), '//example.com:8080/old?x=1'],
      [forward('web'), '//other.example.com:8080/'],
    ]),
  },
];
