/** Host conditions: exact and wildcard names, case, and the default action when no host matches. */
import { forward, forwardRule, redirect, requests, type Scenario, webSpec } from './scenario';

export const HOST_SCENARIOS: readonly Scenario[] = [
  {
    name: 'exact and wildcard hosts',
    about: "hosts compare case-insensitively; '*.example.com' takes one or more labels before '.example.com', never 'example.com' itself",
    spec: webSpec([
      forwardRule('api', { hosts: ['api.example.com'] }, 'api'),
      forwardRule('wild', { hosts: ['*.example.com'] }, 'wild'),
      forwardRule('org', { hosts: ['example.org'] }, 'org'),
    ]),
    targets: ['aws-alb', 'azure-appgw', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: requests('web', [
      [forward('api'), '//api.example.com/', '//API.Example.COM/x'],
      [forward('wild'), '//x.example.com/', '//a.b.example.com/'],
      [forward('org'), '//example.org/'],
      [forward('web'), '//example.com/', '//notexample.com/', '//www.example.org/'],
    ]),
  },
  {
    name: 'the earlier host rule wins, and a default redirect',
    about:
      "first match over hosts: a wildcard declared first takes the exact host's requests too; requests no rule takes get the default action, here a redirect to another host",
    spec: webSpec(
      [
        forwardRule('wild', { hosts: ['*.example.com'] }, 'wild'),
        forwardRule('api', { hosts: ['api.example.com'] }, 'api'),
        forwardRule('shop', { hosts: ['shop.example.org'] }, 'shop'),
      ],
      { defaultAction: { redirect: { host: 'www.example.net', statusCode: 302 } } },
    ),
    targets: ['aws-alb', 'azure-appgw', 'gcp-alb-global', 'gcp-alb-regional'],
    requests: requests('web', [
      [forward('wild'), '//api.example.com/', '//x.example.com/'],
      [forward('shop'), '//SHOP.example.org/cart'],
      [redirect(302, 'http://www.example.net/some/page?ref=1'), '//example.com/some/page?ref=1'],
      [redirect(302, 'http://www.example.net/'), '//other.org/'],
    ]),
  },
];
