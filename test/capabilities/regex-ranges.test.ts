/**
 * Each target holds a spec's regexes against its own dialect and limits (providers/aws, gcp and local capabilities.ts; Azure
 * Application Gateway has no regex conditions): one accepted and one refused value per target.
 */
import { checkCapabilities, type TargetId } from '../../providers';
import { buildModel } from '../../lib/model';
import type { LoadBalancerModel } from '../../lib/model/types';
import type { LoadBalancerSpec } from '../../lib/spec';

function spec(paths: Array<{ regex?: string; exact?: string }>, headerRegex?: string): LoadBalancerSpec {
  return {
    name: 'rx',
    frontends: [
      {
        name: 'web',
        protocol: 'http',
        port: 80,
        rules: [
          { name: 'r', match: { paths, ...(headerRegex ? { headers: [{ name: 'x-id', regex: headerRegex }] } : {}) }, action: { forward: { pool: 'app' } } },
        ],
        defaultAction: { forward: { pool: 'app' } },
      },
    ],
    pools: [{ name: 'app', protocol: 'http', port: 8080 }],
  };
}

const rangeErrors = (model: LoadBalancerModel, target: TargetId) => checkCapabilities(model, target).errors.filter((d) => d.level === 'range');

/** A model whose path regex skipped spec validation, as a hand-built `model` input may. */
function unvalidated(pattern: string): LoadBalancerModel {
  const model = buildModel(spec([{ regex: '/a{10}' }]));
  (model.frontends[0].rules[0].match.paths[0] as { value: string }).value = pattern;
  return model;
}

describe('aws-alb: regexValues hold 128 characters with the anchors, visible ASCII', () => {
  test('a 122-character regex is accepted, a 123-character one refused at its path', () => {
    expect(rangeErrors(buildModel(spec([{ regex: `/${'a'.repeat(121)}` }])), 'aws-alb')).toEqual([]);
    const errors = rangeErrors(buildModel(spec([{ regex: `/${'a'.repeat(122)}` }])), 'aws-alb');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'frontends[0].rules[0].match.paths[0].regex' });
    expect(errors[0].message).toMatch(/regex of 123 characters is longer than 122.*at most 122 characters/);
  });

  test('header regexes count too; a character outside visible ASCII is refused', () => {
    expect(rangeErrors(buildModel(spec([{ exact: '/x' }], 'v[0-9]+ beta')), 'aws-alb')).toEqual([]);
    const errors = rangeErrors(buildModel(spec([{ exact: '/x' }], 'caf\u00e9')), 'aws-alb');
    expect(errors.map((e) => e.path)).toEqual(['frontends[0].rules[0].match.headers[0].regex']);
    expect(errors[0].message).toMatch(/outside visible ASCII/);
  });
});

describe.each(['gcp-alb-global', 'gcp-alb-regional', 'local'] as const)('%s: RE2, counted repetition at most 1000', (target) => {
  test('a{1000} is accepted', () => {
    expect(rangeErrors(unvalidated('/a{1000}'), target)).toEqual([]);
  });

  test('a{1000000000} is refused (and never validates as a spec)', () => {
    const errors = rangeErrors(unvalidated('/a{1000000000}'), target);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'frontends[0].rules[0].match.paths[0].regex' });
    expect(errors[0].message).toMatch(/invalid repeat count.*at most 1000/);
    expect(() => buildModel(spec([{ regex: '/a{1000000000}' }]))).toThrow(/at most 1000 repetitions/);
  });

  test('syntax RE2 lacks is refused', () => {
    expect(rangeErrors(unvalidated('/(a)\\1'), target)[0].message).toMatch(/RE2 syntax: invalid escape/);
  });
});

describe('azure-appgw: no regex conditions at all', () => {
  // strict: false turns the spec's other nearest mappings on Azure (path case, thresholds) into warnings.
  test('an exact path is accepted; a path or header regex is unsupported (not a range)', () => {
    expect(checkCapabilities(buildModel({ ...spec([{ exact: '/x' }]), strict: false }), 'azure-appgw').errors).toEqual([]);
    const errors = checkCapabilities(buildModel({ ...spec([{ regex: '/x' }], 'v[0-9]'), strict: false }), 'azure-appgw').errors;
    expect(errors.map((e) => [e.feature, e.level])).toEqual([
      ['rule.match.path.regex', 'unsupported'],
      ['rule.match.header.regex', 'unsupported'],
    ]);
  });
});
