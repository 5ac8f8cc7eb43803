/** Property tests: every input yields a model or a SpecValidationError; JSON Schema and zod agree. */
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { buildModel } from '../../lib/model';
import { loadBalancerSpecSchema, specJsonSchema, SpecValidationError } from '../../lib/spec';
import { anySpec, coherentSpec, mutatedSpec } from '../support/arbitraries';

const SEED = 20261121;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateJson = ajv.compile(specJsonSchema());

describe('spec properties', () => {
  test('any generated spec yields a model or a SpecValidationError, never another exception', () => {
    let models = 0;
    let invalid = 0;
    fc.assert(
      fc.property(fc.oneof(coherentSpec, anySpec, mutatedSpec), (input) => {
        try {
          const model = buildModel(input);
          expect(model.frontends.length).toBeGreaterThan(0);
          models++;
        } catch (e) {
          if (!(e instanceof SpecValidationError)) throw e;
          expect(e.issues.length).toBeGreaterThan(0);
          for (const issue of e.issues) expect(typeof issue.message).toBe('string');
          invalid++;
        }
      }),
      { seed: SEED, numRuns: 600 },
    );
    // The generator must exercise both outcomes, or the property proves little.
    expect(models).toBeGreaterThan(20);
    expect(invalid).toBeGreaterThan(100);
  });

  test('the JSON Schema accepts exactly what the structural schema accepts', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(coherentSpec, anySpec, mutatedSpec), (input) => {
        const byZod = loadBalancerSpecSchema.safeParse(input).success;
        const byJsonSchema = validateJson(input) as boolean;
        expect({ input, byJsonSchema }).toEqual({ input, byJsonSchema: byZod });
        if (byZod) accepted++;
        else rejected++;
      }),
      { seed: SEED, numRuns: 800 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  test('validation is deterministic: the same input gives the same issues', () => {
    fc.assert(
      fc.property(mutatedSpec, (input) => {
        const issues = () => {
          try {
            buildModel(input);
            return [];
          } catch (e) {
            return (e as SpecValidationError).issues;
          }
        };
        expect(issues()).toEqual(issues());
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
