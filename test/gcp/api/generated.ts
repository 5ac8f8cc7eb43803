/**
 * One shard of the generated deployments (the deploy-validity suite runs three, 100 each, in parallel jest
 * workers): every registered input of every deployment the plan accepts, against the Compute API.
 */
import fc from 'fast-check';
import { ProblemsError } from '../../../lib/errors';
import { mockPulumi, type RecordedResource } from '../../support/pulumi';
import { autonamed } from '../fixtures';
import { MAPPINGS, type Finding } from './compute-schema';
import { check, describeFindings, DISPUTED, failing, render } from './deploy-check';
import { deploymentArb } from './specs';

export const SHARD_SIZE = 100;

export function describeGeneratedShard(shard: number): void {
  const rec = mockPulumi(autonamed);
  beforeAll(() => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  test(`shard ${shard}: ${SHARD_SIZE} generated deployments, every registered input fits the Compute API`, async () => {
    const samples = fc.sample(deploymentArb, { seed: 1300 + shard, numRuns: SHARD_SIZE * 3 });
    let rendered = 0;
    let refused = 0;
    let resources = 0;
    const types = new Set<string>();
    const disputed: Finding[] = [];
    const bad: string[] = [];
    for (const { props } of samples) {
      if (rendered >= SHARD_SIZE) break;
      let registered: RecordedResource[];
      try {
        registered = await render(rec, `g${shard}`, props);
      } catch (e) {
        if (!(e instanceof ProblemsError)) throw e;
        refused++;
        continue;
      }
      rendered++;
      const result = check(registered);
      resources += result.resources;
      registered.forEach((r) => types.add(r.type));
      disputed.push(...result.findings.filter((f) => DISPUTED.has(f.rule)));
      bad.push(...describeFindings(failing(result)));
    }
    expect(bad.slice(0, 20)).toEqual([]);
    expect(rendered).toBe(SHARD_SIZE);
    // The numbers docs/gcp.md (Deploy validity) reports.
    process.stdout.write(
      `gcp deploy validity shard ${shard}: ${rendered} specs rendered (${refused} refused by the plan), ${resources} resources checked, ${types.size} resource types, ${disputed.length} disputed regex-scope findings\n`,
    );
    // Most Compute types each shard can register are reached (the managed certificate needs a domain-only spec).
    expect(Object.keys(MAPPINGS).filter((t) => types.has(t)).length).toBeGreaterThanOrEqual(Object.keys(MAPPINGS).length - 6);
  }, 240_000);
}
