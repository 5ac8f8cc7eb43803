/**
 * Every `native` cell of the capability table is a tested claim. For the cloud targets, each native cell has a
 * registry entry (claims/aws.ts, claims/azure.ts, claims/gcp.ts) whose spec uses the feature natively and
 * whose assertion reads the emitted property; a native cell without an entry fails here, and so does an entry
 * whose cell is no longer native. For the local proxy, each feature names the test/local tests that prove it
 * (claims/local.ts).
 */
import { readFileSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { checkCapabilities } from '../../providers';
import { FEATURES } from '../../lib/capabilities/features';
import { CAPABILITIES } from '../../providers';
import { TARGETS, type TargetId } from '../../providers';
import { buildModel } from '../../lib/model/build';
import { mockPulumi } from '../support/pulumi';
import { AWS_CLAIMS, compileAws } from './claims/aws';
import { AZURE_CLAIMS, compileAzure } from './claims/azure';
import type { Claim } from './claims/claim';
import { compileGcp, GCP_CLAIMS } from './claims/gcp';
import { compileK8s, K8S_CLAIMS } from './claims/kubernetes';
import { LOCAL_CLAIMS } from './claims/local';
import { conformanceState } from './support/compile';

const recorder = mockPulumi(conformanceState);
beforeAll(() => {
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async () => undefined);
});

interface Entry {
  readonly key: string;
  readonly target: TargetId;
  readonly feature: string;
  readonly claim: Claim<never>;
  readonly run: () => void | Promise<void>;
}

function entries<C>(claims: Readonly<Record<string, Claim<C>>>, compile: (target: string, claim: Claim<C>) => C): Entry[] {
  return Object.entries(claims).map(([key, claim]) => {
    const [target, feature] = key.split(':') as [TargetId, string];
    return { key, target, feature, claim: claim as Claim<never>, run: () => claim.check(compile(target, claim)) };
  });
}

const REGISTRY: readonly Entry[] = [
  ...entries(AWS_CLAIMS, (target, c) => compileAws(target, c.spec)),
  ...entries(AZURE_CLAIMS, (_target, c) => compileAzure(c.spec, recorder)),
  ...entries(GCP_CLAIMS, (target, c) => compileGcp(target, c.spec)),
  ...entries(K8S_CLAIMS, (target, c) => compileK8s(target, c.spec)),
];
const CLOUD_TARGETS = TARGETS.filter((t) => t !== 'local');
const nativeCells = (target: TargetId) =>
  Object.entries(CAPABILITIES[target].support)
    .filter(([, cell]) => cell.level === 'native')
    .map(([feature]) => `${target}:${feature}`);

test('every native cell of every cloud target has a claim test, and every claim is a native cell', () => {
  const native = CLOUD_TARGETS.flatMap(nativeCells);
  const claimed = REGISTRY.map((e) => e.key);
  expect({ withoutTest: native.filter((k) => !claimed.includes(k)) }).toEqual({ withoutTest: [] });
  expect({ notNative: claimed.filter((k) => !native.includes(k)) }).toEqual({ notNative: [] });
  console.log(`capability claims: ${native.length} native cells on ${CLOUD_TARGETS.length} cloud targets, each with a test`);
});

describe('the local proxy: each feature names the tests that prove it', () => {
  const features = FEATURES.map((f) => f.id);
  test('every feature has an entry, and nothing else', () => {
    expect(Object.keys(LOCAL_CLAIMS).sort()).toEqual([...features].sort());
  });
  test('every test named exists in its file', () => {
    const missing = Object.entries(LOCAL_CLAIMS).flatMap(([feature, claim]) =>
      'uncovered' in claim
        ? []
        : claim
            .filter((p) => {
              const text = readFileSync(p.file, 'utf8');
              return !text.includes(`'${p.title}`) && !text.includes(`"${p.title}`);
            })
            .map((p) => `${feature}: ${p.file} has no test '${p.title}'`),
    );
    expect(missing).toEqual([]);
    const uncovered = Object.entries(LOCAL_CLAIMS)
      .filter(([, c]) => 'uncovered' in c)
      .map(([f, c]) => `${f} (${(c as { uncovered: string }).uncovered})`);
    console.log(`local proxy: ${features.length - uncovered.length} of ${features.length} features proved by tests; without a test: ${uncovered.join('; ')}`);
  });
});

test.each(REGISTRY.map((e) => [e.key, e] as const))('%s', async (_key, e) => {
  // The spec uses the feature, natively, and compiles to the target without errors...
  const report = checkCapabilities(buildModel(e.claim.spec), e.target);
  expect(report.errors.map((d) => `${d.path}: ${d.message}`)).toEqual([]);
  expect(report.used.find((u) => u.feature === e.feature)?.level).toBe('native');
  // ...and the target emits the property the cell names.
  await e.run();
});
