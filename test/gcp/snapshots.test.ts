/**
 * The resource graph of every example spec on GCP (pulumi.runtime.setMocks), and parentage. A spec GCP
 * cannot compile strictly snapshots its capability errors instead, so a new example is never skipped.
 */
import { readdirSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { CapabilityError } from '../../lib/errors';
import { buildModel, loadModel } from '../../lib/model/build';
import { LoadBalancer } from '../../providers/gcp';
import { mockPulumi, settle, snapshotOf } from '../support/pulumi';
import { autonamed, hostnamesSpec, placeAnything, webModel, webProps } from './fixtures';

const rec = mockPulumi(autonamed);
// Accepted approximations are logged as Pulumi warnings; the tests read `warnings` instead.
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

async function render(name: string, props: ConstructorParameters<typeof LoadBalancer>[1]) {
  rec.reset();
  const lb = new LoadBalancer(name, props);
  await settle(rec, [lb]);
  return { lb, graph: snapshotOf(rec) };
}

describe('every example spec', () => {
  const files = readdirSync('examples/specs')
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

  test.each(files)('%s', async (file) => {
    const model = loadModel(`examples/specs/${file}`);
    let lb: LoadBalancer;
    try {
      lb = new LoadBalancer(file.replace(/\.ya?ml$/, ''), placeAnything(model));
    } catch (e) {
      if (!(e instanceof CapabilityError)) throw e;
      expect({ strict: 'fails', target: e.target, errors: e.diagnostics.map((d) => `${d.path} ${d.feature}`) }).toMatchSnapshot();
      return;
    }
    rec.reset();
    await settle(rec, [lb]);
    expect(snapshotOf(rec)).toMatchSnapshot();
  });
});

describe('web.yaml, placed as the README shows', () => {
  test('global external: instance groups, a zonal NEG and Cloud Run behind one URL map', async () => {
    const { graph } = await render('shop', webProps());
    expect(graph).toMatchSnapshot();
  });

  test('regional external: Region* resources, the proxy-only subnet and its firewall rule', async () => {
    const { graph } = await render('shop-eu', webProps({ global: false, region: 'europe-west1', proxyOnlySubnet: { ipCidrRange: '10.129.0.0/23' } }));
    expect(graph).toMatchSnapshot();
  });
});

describe('listeners with host names', () => {
  test('global external: one URL map, target proxy and forwarding rule per port; the http port without a catch-all answers 404', async () => {
    const { lb, graph } = await render('sites', placeAnything(buildModel(hostnamesSpec)));
    expect(graph).toMatchSnapshot();
    expect(Object.keys(lb.urlMaps).sort()).toEqual(['blog', 'docs', 'main', 'shop']);
  });
});

describe('parentage and outputs', () => {
  test('every child is parented to the component, and the outputs are registered', async () => {
    const { lb } = await render(
      'parented',
      placeAnything(webModel(), { certificates: undefined, certificateMap: 'projects/p/locations/global/certificateMaps/site' }),
    );
    const children = rec.resources.filter((r) => r.type !== 'lbkit:gcp:LoadBalancer');
    expect(children.length).toBeGreaterThan(20);
    expect(children.filter((r) => r.parent !== 'parented').map((r) => `${r.type}::${r.name}`)).toEqual([]);
    expect(rec.get('lbkit:gcp:LoadBalancer', 'parented').parent).toBeUndefined();
    expect(Object.keys(lb.urlMaps).sort()).toEqual(['http', 'https']);
    expect(Object.keys(lb.ipAddresses)).toEqual(['ip-alb-global-v4']);
    expect(Object.keys(lb.backendServices).sort()).toEqual(['bs-api', 'bs-static', 'bs-web', 'bs-web-canary']);
  });
});

describe('examples/pulumi-gcp', () => {
  test('the program runs: web.yaml and internal-tcp.yaml compile strictly (with the one named approximation)', async () => {
    rec.reset();
    pulumi.runtime.setAllConfig({
      'gcp:region': 'europe-west1',
      'lbkit:certificateMap': '//certificatemanager.googleapis.com/projects/p/locations/global/certificateMaps/shop',
    });
    jest.isolateModules(() => {
      jest.requireActual('../../examples/pulumi-gcp');
    });
    await settle(rec);
    const components = rec.ofType('lbkit:gcp:LoadBalancer').map((r) => r.name);
    expect(components).toEqual(['web', 'orders-db']);
    expect(rec.get('gcp:compute/targetHttpsProxy:TargetHttpsProxy', 'web-https-proxy-https').inputs.certificateMap).toContain('certificateMaps/shop');
    expect(rec.get('gcp:compute/regionBackendService:RegionBackendService', 'orders-db-bs-l4-postgres').inputs.loadBalancingScheme).toBe('INTERNAL');
  });
});
