/** `lbkit plan` for GCP: the describers list what the component creates, and load without Pulumi. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeTarget } from '../../providers';
import { GCP_BACKEND } from '../../providers/gcp/backend';
import { loadModel } from '../../lib/model/build';
import { LoadBalancer } from '../../providers/gcp';
import { describePlan } from '../../providers/gcp/describe';
import { mockPulumi, settle } from '../support/pulumi';
import { autonamed, placeAnything, webModel } from './fixtures';

const rec = mockPulumi(autonamed);
beforeAll(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

/** Resources that come from placement (certificates, trust stores, bindings), not from the spec. */
const PLACEMENT = /Certificate|NetworkEndpoint|InstanceGroupNamedPort|TrustConfig|lbkit:gcp:LoadBalancer/;

test.each([
  ['web.yaml, global', webModel(), {}],
  ['web.yaml, regional', webModel(), { global: false }],
  ['internal-tcp.yaml', loadModel('examples/specs/internal-tcp.yaml'), {}],
  ['udp.yaml', loadModel('examples/specs/udp.yaml'), {}],
])('%s: the described resources are exactly the rendered ones (placement aside)', async (_n, model, overrides) => {
  rec.reset();
  const lb = new LoadBalancer('d', placeAnything(model, overrides));
  await settle(rec, [lb]);
  const described = describePlan(lb.plan)
    .filter((r) => r.type !== 'route rule')
    .map((r) => `${r.type} d-${r.id}`)
    .sort();
  const rendered = rec.resources
    .filter((r) => !PLACEMENT.test(r.type))
    .map((r) => `${r.type} ${r.name}`)
    .sort();
  expect(described).toEqual(rendered);
});

test('each GCP target has a describer; route rules are listed with their matches', () => {
  const model = webModel();
  expect(GCP_BACKEND.targets.map((t) => t.id).sort()).toEqual(['gcp-alb-global', 'gcp-alb-regional', 'gcp-nlb-passthrough', 'gcp-nlb-proxy']);
  const global = describeTarget(model, 'gcp-alb-global');
  expect(global.filter((r) => r.type === 'route rule').map((r) => `${r.id} ${r.detail}`)).toEqual([
    'urlmap-https/host-api-example-com/1000 api: path = /v1 | path ^ /v1/ -> bs-api',
    'urlmap-https/host-api-example-com/2000 static: path = /static | path ^ /static/ | path = /assets | path ^ /assets/ -> bs-static',
    'urlmap-https/host-api-example-com/3000 old-home: path = /home.html redirect MOVED_PERMANENTLY_DEFAULT path /',
    'urlmap-https/any-host/2000 static: path = /static | path ^ /static/ | path = /assets | path ^ /assets/ -> bs-static',
    'urlmap-https/any-host/3000 old-home: path = /home.html redirect MOVED_PERMANENTLY_DEFAULT path /',
  ]);
  expect(describeTarget(model, 'gcp-alb-regional').map((r) => r.type)).toContain('gcp:compute/regionUrlMap:RegionUrlMap');
  const tcp = loadModel('examples/specs/internal-tcp.yaml');
  expect(describeTarget(tcp, 'gcp-nlb-proxy').map((r) => r.type)).toContain('gcp:compute/regionTargetTcpProxy:RegionTargetTcpProxy');
  expect(describeTarget(tcp, 'gcp-nlb-passthrough').find((r) => r.id === 'bs-l4-postgres')!.detail).toBe(
    'pool pgbouncer: INTERNAL, TCP, affinity NONE (GCP default), draining 60s',
  );
});

test('describe.ts and the plan import no Pulumi package (the CLI loads them without cloud SDKs)', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    expect({ file, pulumi: /from '@pulumi\//.test(source) || /require\('@pulumi/.test(source) }).toEqual({ file, pulumi: false });
    for (const [, spec] of source.matchAll(/^(?:import|export)(?!\s+type)[^;]*?from '(\.[^']+)'/gms)) {
      const base = resolve(dirname(file), spec);
      visit(existsSync(`${base}.ts`) ? `${base}.ts` : `${base}/index.ts`);
    }
  };
  const entry = resolve('providers/gcp/backend.ts');
  visit(entry);
  expect([...seen].some((f) => f.endsWith('plan/routing.ts'))).toBe(true);
});
