/** Rule filters rendered on the URL map (issue 16): route rule headerAction and routeAction.urlRewrite.hostRewrite. */
import { buildModel } from '../../lib/model/build';
import { LoadBalancer } from '../../providers/gcp';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

test('headerAction (plural Pulumi names) and hostRewrite beside the service, on the rule that asks for them only', async () => {
  const model = buildModel({
    name: 'filters',
    frontends: [
      {
        name: 'web',
        protocol: 'http',
        port: 80,
        rules: [
          {
            name: 'api',
            match: { paths: [{ prefix: '/api' }] },
            action: { forward: { pool: 'app' } },
            requestHeaders: { set: [{ name: 'x-env', value: 'prod' }], remove: ['x-secret'] },
            responseHeaders: { add: [{ name: 'x-served-by', value: 'lb' }] },
            rewrite: { host: 'internal.example.com' },
          },
          { name: 'plain', match: { paths: [{ prefix: '/b' }] }, action: { forward: { pool: 'app' } } },
        ],
        defaultAction: { forward: { pool: 'app' } },
      },
    ],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  });
  rec.reset();
  const lb = new LoadBalancer('filters', placeAnything(model));
  await settle(rec, [lb]);
  const map = rec.resources.find((r) => r.type === 'gcp:compute/uRLMap:URLMap')!;
  const rules = (map.inputs.pathMatchers as Array<{ routeRules: Array<Record<string, unknown>> }>)[0].routeRules;
  expect(rules[0]).toMatchObject({
    headerAction: {
      requestHeadersToAdds: [{ headerName: 'x-env', headerValue: 'prod', replace: true }],
      requestHeadersToRemoves: ['x-secret'],
      responseHeadersToAdds: [{ headerName: 'x-served-by', headerValue: 'lb', replace: false }],
      responseHeadersToRemoves: [],
    },
    routeAction: { urlRewrite: { hostRewrite: 'internal.example.com' } },
  });
  expect(rules[0].service).toBeDefined();
  expect(rules[1].headerAction).toBeUndefined();
  expect(rules[1].routeAction).toBeUndefined();
});
