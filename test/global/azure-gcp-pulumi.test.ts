/**
 * The Pulumi components lbkit:global:TrafficManager (azure-traffic-manager) and lbkit:global:CloudDns
 * (gcp-cloud-dns): resource graph snapshots per steering policy, the routing fields, and every problem before
 * anything registers.
 */
import { mockPulumi, settle, snapshotOf } from '../support/pulumi';
import { CloudDns, FrontDoor, GcpGlobal, TrafficManager } from '../../providers/global/pulumi';
import { InvalidInputError, GlobalPlacementError } from '../../lib/errors';
import { latencyOverAnycast, readSpec, SPECS } from './support/specs';

const recorder = mockPulumi();
beforeEach(() => recorder.reset());
beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

const AZURE: Record<string, string> = { 'us-east': 'eastus', 'eu-west': 'westeurope', 'ap-south': 'centralindia', 'eu-central': 'germanywestcentral' };
const GCP: Record<string, string> = { 'us-east': 'us-east1', 'eu-west': 'europe-west1', 'ap-south': 'asia-south1', 'eu-central': 'europe-west3' };
const azureRegions = (names: string[]) =>
  Object.fromEntries(names.map((n) => [n, { azureLocation: AZURE[n], target: `shop-${n}.${AZURE[n]}.cloudapp.azure.com` }]));
const gcpRegions = (names: string[]) => Object.fromEntries(names.map((n, i) => [n, { gcpRegion: GCP[n], ipAddress: `203.0.113.${i + 10}` }]));
const THREE = ['us-east', 'eu-west', 'ap-south'];

describe('Traffic Manager', () => {
  test('latency example: Performance profile, one external endpoint per region, CNAME and apex alias records', async () => {
    const c = new TrafficManager('shop', {
      spec: { ...readSpec('global-latency.yaml'), healthCheck: { ...readSpec('global-latency.yaml').healthCheck, timeoutSeconds: 5 } },
      baseDir: SPECS,
      allowNearest: ['azure-traffic-manager:global.health.asymmetric-thresholds'],
      resourceGroupName: 'rg-global',
      dnsZone: { resourceGroupName: 'rg-dns' },
      regions: azureRegions(THREE),
    });
    await settle(recorder, [c]);
    expect(snapshotOf(recorder)).toMatchSnapshot();
    const profile = recorder.ofType('azure-native:trafficmanager:Profile')[0].inputs as Record<string, any>;
    expect(profile.trafficRoutingMethod).toBe('Performance');
    expect(profile.monitorConfig).toMatchObject({
      protocol: 'HTTP',
      port: 80,
      path: '/',
      intervalInSeconds: 10,
      timeoutInSeconds: 5,
      toleratedNumberOfFailures: 1,
    });
    expect(recorder.ofType('azure-native:trafficmanager:Endpoint').map((e) => e.inputs.endpointLocation)).toEqual(['eastus', 'westeurope', 'centralindia']);
    expect(recorder.ofType('azure-native:dns:RecordSet').map((r) => [r.inputs.relativeRecordSetName, r.inputs.recordType])).toEqual([
      ['www', 'CNAME'],
      ['@', 'A'],
    ]);
  });

  test("failover (three levels): Priority routing with each region's priority", async () => {
    const c = new TrafficManager('api', {
      spec: { ...readSpec('global-failover.yaml'), delivery: 'dns' },
      baseDir: SPECS,
      allowNearest: ['azure-traffic-manager:global.health.asymmetric-thresholds'],
      resourceGroupName: 'rg',
      regions: azureRegions(THREE),
    });
    await settle(recorder, [c]);
    expect((recorder.ofType('azure-native:trafficmanager:Profile')[0].inputs as Record<string, any>).trafficRoutingMethod).toBe('Priority');
    expect(recorder.ofType('azure-native:trafficmanager:Endpoint').map((e) => [e.inputs.endpointName, e.inputs.priority])).toEqual([
      ['us-east', 1],
      ['eu-west', 2],
      ['ap-south', 3],
    ]);
  });

  test('every problem before anything registers: a 2 s timeout and a missing region', () => {
    let error: InvalidInputError | undefined;
    try {
      new TrafficManager('bad', {
        specFile: `${SPECS}/global-latency.yaml`,
        resourceGroupName: 'rg',
        regions: azureRegions(['us-east', 'eu-west']),
        allowNearest: ['azure-traffic-manager:global.health.asymmetric-thresholds'],
      });
    } catch (e) {
      error = e as InvalidInputError;
    }
    expect(error?.problems.map((p) => p.path)).toEqual(['healthCheck.timeoutSeconds', 'regions.ap-south']);
    expect(recorder.resources).toEqual([]);
  });
});

describe('Cloud DNS', () => {
  test('weighted: a WRR routing policy over health-checked external endpoints, probed from three source regions', async () => {
    const spec = {
      ...readSpec('global-latency.yaml'),
      steering: { policy: 'weighted' },
      healthCheck: { path: '/', intervalSeconds: 30 },
      regions: readSpec('global-latency.yaml').regions.map((r: object, i: number) => ({ ...r, weight: [3, 1, 0][i] })),
    };
    const c = new CloudDns('shop', {
      spec,
      baseDir: SPECS,
      allowNearest: ['gcp-cloud-dns:global.steering.weighted.zero'],
      managedZone: 'example-com',
      regions: gcpRegions(THREE),
    });
    await settle(recorder, [c]);
    expect(snapshotOf(recorder)).toMatchSnapshot();
    const record = recorder.ofType('gcp:dns/recordSet:RecordSet')[0].inputs as Record<string, any>;
    expect(record.routingPolicy.wrrs.map((w: { weight: number }) => w.weight)).toEqual([3, 1, 0]);
    expect((recorder.ofType('gcp:compute/healthCheck:HealthCheck')[0].inputs as Record<string, any>).sourceRegions).toEqual([
      'us-east1',
      'europe-west1',
      'asia-south1',
    ]);
  });

  test('failover (two regions): primary and backup', async () => {
    const spec = { ...readSpec('global-failover.yaml'), delivery: 'dns', healthCheck: { path: '/', intervalSeconds: 30 } };
    spec.regions = spec.regions.slice(0, 2);
    const c = new CloudDns('api', {
      spec,
      baseDir: SPECS,
      managedZone: 'example-com',
      regions: gcpRegions(['us-east', 'eu-west']),
      healthCheckSourceRegions: ['us-east4', 'europe-west2', 'asia-southeast1'],
    });
    await settle(recorder, [c]);
    const record = recorder.ofType('gcp:dns/recordSet:RecordSet')[0].inputs as Record<string, any>;
    expect(record.routingPolicy.primaryBackup.primary.externalEndpoints).toEqual(['203.0.113.10']);
    expect(record.routingPolicy.primaryBackup.backupGeos[0].location).toBe('europe-west1');
  });

  test('geo steering by country is unsupported, and a health check needs three source regions', () => {
    expect(
      () => new CloudDns('geo', { specFile: `${SPECS}/global-geo.yaml`, managedZone: 'z', regions: gcpRegions(['us-east', 'eu-west', 'eu-central']) }),
    ).toThrow(/cannot express global\.steering\.geo/);
    const spec = { ...readSpec('global-failover.yaml'), delivery: 'dns', healthCheck: { path: '/', intervalSeconds: 30 } };
    spec.regions = spec.regions.slice(0, 2);
    expect(() => new CloudDns('api', { spec, baseDir: SPECS, managedZone: 'z', regions: gcpRegions(['us-east', 'eu-west']) })).toThrow(GlobalPlacementError);
    expect(recorder.resources).toEqual([]);
  });
});

describe('Front Door', () => {
  test('failover example (anycast, three priorities): origin group, one origin per region, route, custom domain and CNAME', async () => {
    const c = new FrontDoor('api', {
      specFile: `${SPECS}/global-failover.yaml`,
      allowNearest: ['azure-front-door:global.health.probe'],
      resourceGroupName: 'rg',
      dnsZone: { resourceGroupName: 'rg-dns', id: '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/dnszones/example.com' },
      regions: Object.fromEntries(THREE.map((n) => [n, { hostName: `shop-${n}.${AZURE[n]}.cloudapp.azure.com` }])),
    });
    await settle(recorder, [c]);
    expect(snapshotOf(recorder)).toMatchSnapshot();
    expect(recorder.ofType('azure-native:cdn:AFDOrigin').map((o) => [o.inputs.originName, o.inputs.priority])).toEqual([
      ['us-east', 1],
      ['eu-west', 2],
      ['ap-south', 3],
    ]);
    expect(recorder.ofType('azure-native:dns:RecordSet').map((r) => [r.inputs.relativeRecordSetName, r.inputs.recordType])).toEqual([['api', 'CNAME']]);
  });

  test('a tcp probe and a priority above 5 are range errors; DNS delivery is unsupported', () => {
    let error: InvalidInputError | undefined;
    try {
      const spec = { ...readSpec('global-failover.yaml'), delivery: 'dns', healthCheck: { protocol: 'tcp' } };
      spec.regions = spec.regions.map((r: object, i: number) => ({ ...r, priority: [1, 2, 9][i] }));
      new FrontDoor('bad', { spec, baseDir: SPECS, resourceGroupName: 'rg', regions: {} });
    } catch (e) {
      error = e as InvalidInputError;
    }
    expect(error?.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['delivery', 'regions[2].priority', 'healthCheck.protocol', 'regions.us-east']));
    expect(recorder.resources).toEqual([]);
  });
});

describe('GCP global external Application Load Balancer', () => {
  test('latency example over anycast: one backend per region, forwarding rule on the frontend port, A records', async () => {
    const c = new GcpGlobal('shop', {
      ...latencyOverAnycast(),
      managedZone: 'example-com',
      regions: Object.fromEntries(THREE.map((n) => [n, { backendGroup: `projects/p/regions/${GCP[n]}/instanceGroups/shop-${n}` }])),
    });
    await settle(recorder, [c]);
    expect(snapshotOf(recorder)).toMatchSnapshot();
    const service = recorder.ofType('gcp:compute/backendService:BackendService')[0].inputs as Record<string, any>;
    expect(service.backends.map((b: { group: string }) => b.group)).toEqual(THREE.map((n) => `projects/p/regions/${GCP[n]}/instanceGroups/shop-${n}`));
    expect((recorder.ofType('gcp:compute/globalForwardingRule:GlobalForwardingRule')[0].inputs as Record<string, any>).portRange).toBe('80');
  });

  test('under strict, the nearest mappings are errors naming the opt-in', () => {
    expect(
      () => new GcpGlobal('shop', { spec: { ...readSpec('global-latency.yaml'), delivery: 'anycast' }, baseDir: SPECS, managedZone: 'z', regions: {} }),
    ).toThrow(/gcp-global:global\.health\.probe/);
    expect(recorder.resources).toEqual([]);
  });
});
