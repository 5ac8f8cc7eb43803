/** Actions: weighted splits, redirects (status, scheme, host, path, query), http to https, fixed responses. */
import { fixed, forward, forwardRule, httpFrontend, httpsFrontend, lbSpec, redirect, requests, rule, type Scenario, webSpec } from './scenario';
import { weighted } from '../../support/specs';

export const ACTION_SCENARIOS: readonly Scenario[] = [
  {
    name: 'weighted splits',
    about: 'a weighted forward sends to every pool with a weight above 0 and never to one with weight 0',
    spec: webSpec([rule('canary', { paths: [{ prefix: '/canary' }] }, weighted({ stable: 3, canary: 1, off: 0 }))], {
      defaultAction: weighted({ web: 1, web2: 1 }),
    }),
    targets: ['aws-alb', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: requests('web', [
      [forward('stable', 'canary'), '/canary', '/canary/a', '/canary/b', '/canary/c'],
      [forward('web', 'web2'), '/', '/x'],
    ]),
  },
  {
    name: 'redirects that set path, scheme, host and query',
    about: "what a redirect does not set, it keeps from the request; query '' removes the query; a change to https goes to port 443",
    spec: lbSpec([
      httpFrontend([
        rule('old', { paths: [{ exact: '/old' }] }, { redirect: { path: '/new', statusCode: 302 } }),
        rule('secure', { paths: [{ exact: '/secure' }] }, { redirect: { scheme: 'https' } }),
        rule('moved', { paths: [{ prefix: '/moved' }] }, { redirect: { host: 'www.example.net', query: '' } }),
      ]),
      httpsFrontend([rule('back', { paths: [{ exact: '/old' }] }, { redirect: { path: '/new' } })]),
    ]),
    targets: ['aws-alb', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: [
      ...requests('web', [
        [redirect(302, 'http://example.com/new?a=1'), '/old?a=1'],
        [redirect(301, 'https://example.com/secure?x=1'), '/secure?x=1'],
        [redirect(301, 'http://www.example.net/moved/a'), '/moved/a?b=2'],
        [forward('web'), '/elsewhere'],
      ]),
      ...requests('secure', [
        [redirect(301, 'https://example.com/new?q=1'), '/old?q=1'],
        [forward('web'), '/new'],
      ]),
    ],
  },
  {
    name: 'redirects with 303 and 307',
    about:
      "a redirect to https without a host keeps the client's host (on Application Gateway: a redirect to the https listener); one to another host keeps path and query",
    spec: lbSpec([
      httpFrontend([
        rule('see', { hosts: ['see.example.com'] }, { redirect: { scheme: 'https', statusCode: 303 } }),
        rule('temp', { hosts: ['temp.example.com'] }, { redirect: { host: 'www.example.net', statusCode: 307 } }),
      ]),
      httpsFrontend([]),
    ]),
    targets: ['azure-appgw', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: requests('web', [
      [redirect(303, 'https://see.example.com/a?b=1'), '//see.example.com/a?b=1'],
      [redirect(307, 'http://www.example.net/x?y=2'), '//temp.example.com/x?y=2'],
      [forward('web'), '//other.example.com/'],
    ]),
  },
  {
    name: 'a permanent redirect that keeps the method (308)',
    about: '308 only where the cloud has it (GCP); ALB and Application Gateway approximate it with 301',
    spec: webSpec([rule('perm', { paths: [{ prefix: '/v1' }] }, { redirect: { path: '/v2', statusCode: 308 } })]),
    targets: ['gcp-alb-global', 'gcp-alb-regional'],
    requests: requests('web', [
      [redirect(308, 'http://example.com/v2?k=v'), '/v1/x?k=v'],
      [forward('web'), '/v2'],
    ]),
  },
  {
    name: 'http to https',
    about: 'an http frontend with redirectHttpToHttps answers every request with a redirect to the https frontend, keeping host, path and query',
    spec: lbSpec([
      { name: 'web', protocol: 'http', port: 80, redirectHttpToHttps: true },
      httpsFrontend([forwardRule('api', { hosts: ['api.example.com'] }, 'api')]),
    ]),
    targets: ['aws-alb', 'azure-appgw', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: [
      ...requests('web', [
        [redirect(301, 'https://example.com/a/b?c=d'), '/a/b?c=d'],
        [redirect(301, 'https://api.example.com/'), '//api.example.com/'],
        [redirect(301, 'https://example.com/x'), { target: '/x', method: 'POST' }],
      ]),
      ...requests('secure', [
        [forward('api'), '//api.example.com/'],
        [forward('web'), '/'],
      ]),
    ],
  },
  {
    name: 'fixed responses',
    about: 'status, content type and body as the spec says, in rules and as the default action',
    spec: webSpec(
      [
        rule('teapot', { paths: [{ exact: '/teapot' }] }, { fixedResponse: { statusCode: 418, body: 'short and stout' } }),
        rule('busy', { paths: [{ prefix: '/maintenance' }] }, { fixedResponse: { statusCode: 503, contentType: 'application/json', body: '{"busy":true}' } }),
        forwardRule('api', { paths: [{ prefix: '/api' }] }, 'api'),
      ],
      { defaultAction: { fixedResponse: { statusCode: 404, contentType: 'text/html', body: '<h1>not here</h1>' } } },
    ),
    targets: ['aws-alb'],
    requests: requests('web', [
      [fixed(418, 'short and stout'), '/teapot'],
      [fixed(503, '{"busy":true}', 'application/json'), '/maintenance/x'],
      [forward('api'), '/api/x'],
      [fixed(404, '<h1>not here</h1>', 'text/html'), '/'],
    ]),
  },
];
