// web.test.ts
import { request, useBackends, useLocalLoadBalancer } from '../../../providers/local/index';

describe('web load balancer', () => {
  // Stand-in members: each answers with its name in the X-Backend header.
  const members = useBackends(['web-1', 'web-2', 'canary', 'api', 'static']);
  const lb = useLocalLoadBalancer('examples/specs/web.yaml', () => {
    const [web1, web2, canary, api, statics] = members();
    return {
      bindings: { web: [web1.address, web2.address], 'web-canary': [canary.address], api: [api.address], static: [statics.address] },
      timeScale: 0.01, // every spec duration 100 times shorter
    };
  });

  test('api.example.com/v1 goes to the api pool', async () => {
    const res = await request(`${lb().url('https')}/v1/orders`, { headers: { host: 'api.example.com' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-backend']).toBe('api');
  });

  test('everything else takes the 90/10 split of the default action', async () => {
    const seen: unknown[] = [];
    for (let i = 0; i < 100; i++) seen.push((await request(`${lb().url('https')}/`)).headers['x-backend']);
    expect(seen.filter((name) => name === 'canary')).toHaveLength(10);
  });

  test('http redirects to https', async () => {
    const res = await request(`${lb().url('http')}/cart`, { headers: { host: 'shop.example.com' } });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`https://shop.example.com:${lb().address('https').port}/cart`);
  });
});
export {};
