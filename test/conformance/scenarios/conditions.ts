/** Header, query, method and source conditions. */
import { allExact, forward, forwardRule, requests, type Scenario, webSpec } from './scenario';

export const CONDITION_SCENARIOS: readonly Scenario[] = [
  {
    name: 'header conditions',
    about:
      'header names compare case-insensitively; exact and prefix values too; a regex is case-sensitive and matches the whole value; present holds even for an empty value',
    spec: webSpec([
      forwardRule('prod', { headers: [{ name: 'X-Env', exact: 'Prod' }] }, 'prod'),
      forwardRule('canary', { headers: [{ name: 'x-canary', present: true }] }, 'canary'),
      forwardRule('v2', { headers: [{ name: 'X-Version', prefix: 'v2' }] }, 'v2'),
      forwardRule('id', { headers: [{ name: 'x-id', regex: '[0-9]+' }] }, 'id'),
      forwardRule('both', { headers: allExact({ 'x-a': '1', 'x-b': '2' }) }, 'both'),
    ]),
    targets: ['aws-alb', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: requests('web', [
      [forward('prod'), { headers: [['x-env', 'prod']] }, { headers: [['X-ENV', 'PROD']] }],
      [forward('canary'), { headers: [['X-Canary', '']] }, { headers: [['x-canary', 'no']] }],
      [forward('v2'), { headers: [['x-version', 'V2.1']] }],
      [forward('id'), { headers: [['x-id', '123']] }],
      [
        forward('both'),
        {
          headers: [
            ['x-a', '1'],
            ['x-b', '2'],
          ],
        },
      ],
      [
        forward('web'),
        { headers: [['x-env', 'production']] },
        { headers: [['x-version', '1.v2']] },
        { headers: [['x-id', '12a']] },
        { headers: [['x-a', '1']] },
        '/',
      ],
    ]),
  },
  {
    name: 'query conditions',
    about: 'parameter names and values compare case-insensitively and percent-decoded; present holds for an empty value; every condition must hold',
    spec: webSpec([
      forwardRule('debug', { query: [{ name: 'debug', exact: 'On' }] }, 'debug'),
      forwardRule('v', { query: [{ name: 'v', present: true }] }, 'v'),
      forwardRule('ab', { query: allExact({ a: '1', b: '2' }) }, 'ab'),
    ]),
    targets: ['aws-alb'],
    requests: requests('web', [
      [forward('debug'), '/?debug=on', '/?DEBUG=ON', '/?debug=O%6E'],
      [forward('v'), '/?v=', '/?x=1&v=2'],
      [forward('ab'), '/?b=2&a=1'],
      [forward('web'), '/?debug=off', '/?a=1', '/?x=1'],
    ]),
  },
  {
    name: 'method and source conditions',
    about: "methods compare exactly; a source condition reads the connection's address, not X-Forwarded-For",
    spec: webSpec([
      forwardRule('write', { methods: ['POST', 'PUT'] }, 'write'),
      forwardRule('inside', { sourceCidrs: ['127.0.0.2/32', '127.0.1.0/24'] }, 'inside'),
    ]),
    targets: ['aws-alb'],
    requests: requests('web', [
      [forward('write'), { method: 'POST' }, { method: 'PUT' }, { method: 'POST', sourceIp: '127.0.0.2' }],
      [forward('inside'), { sourceIp: '127.0.0.2' }, { sourceIp: '127.0.1.9' }],
      [forward('web'), { method: 'DELETE' }, { sourceIp: '127.0.0.3' }, { headers: [['x-forwarded-for', '127.0.0.2']] }],
    ]),
  },
];
