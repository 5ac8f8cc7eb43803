/** The sound part of a broken spec (lib/spec/salvage.ts): what is left out, how paths map back, which follow-on issues are dropped. */
import { specIssues } from '../../lib/spec/load';
import { inspectModel } from '../../lib/model/inspect';

const pool = (name: string, extra: object = {}) => ({ name, protocol: 'http', port: 8080, ...extra });
const http = (name: string, port: unknown, pool: string, extra: object = {}) => ({
  name,
  protocol: 'http',
  port,
  defaultAction: { forward: { pool } },
  ...extra,
});

test('a frontend left out for its port does not shift the paths of the issues after it', () => {
  const issues = specIssues({
    name: 'x',
    frontends: [http('a', -1, 'web'), http('b', 81, 'nope')],
    pools: [pool('web')],
  });
  expect(issues.map((i) => [i.path, i.message])).toEqual([
    ['frontends[0].port', 'needs at least 1, got -1'],
    ['frontends[1].defaultAction.forward.pool', "unknown pool 'nope'"],
  ]);
});

test('a reference to an entry left out is not also an unknown name; a default standing in for a broken value raises nothing', () => {
  const issues = specIssues({
    name: 'x',
    frontends: [http('a', 80, 'web')],
    pools: [pool('web', { port: 'eighty' }), pool('api', { healthCheck: { intervalSeconds: 3, timeoutSeconds: 'two' } })],
  });
  expect(issues.map((i) => i.path)).toEqual(['pools[0].port', 'pools[1].healthCheck.timeoutSeconds']);
});

test('the model of the sound part: capability paths map back to the input', () => {
  const report = inspectModel({
    name: 'x',
    frontends: [
      http('a', 'x', 'web'),
      http('b', 81, 'web', { rules: [{ name: 'r', match: { sourceCidrs: ['10.0.0.0/8'] }, action: { forward: { pool: 'web' } } }] }),
    ],
    pools: [pool('web')],
  });
  expect(report.issues.map((i) => i.path)).toEqual(['frontends[0].port']);
  expect(report.model?.frontends.map((f) => f.name)).toEqual(['b']);
  expect(report.place([{ path: 'frontends[0].rules[0].match.sourceCidrs' }, { code: 'LBKIT_AWS_PLACEMENT', path: 'frontends[0]' }])).toEqual([
    { path: 'frontends[1].rules[0].match.sourceCidrs' },
    { code: 'LBKIT_AWS_PLACEMENT', path: 'frontends[0]' },
  ]);
});

test('nothing sound: no model, and the issues alone', () => {
  const report = inspectModel({ name: 'x', frontends: [http('a', -1, 'web')], pools: [pool('web')] });
  expect(report.model).toBeUndefined();
  expect(report.issues.map((i) => i.path)).toEqual(['frontends[0].port']);
});
