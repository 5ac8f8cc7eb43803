/** The local proxy takes the same input contract as every backend, plus the short forms. */
import { LocalOptionsError } from '../../lib/errors';
import { buildModel, loadModel } from '../../lib/model';
import { toModel } from '../../providers/local/load-balancer';

const FILE = 'examples/specs/web.yaml';

test('{ specFile } with allowNearest and strict: the caller judges the spec', () => {
  const model = toModel({ specFile: FILE, strict: false, allowNearest: ['local:pool.algorithm.random'] });
  expect(model.name).toBe(loadModel(FILE).name);
  expect(model.strict).toBe(false);
  expect(model.allowNearest).toEqual([...loadModel(FILE).allowNearest, 'local:pool.algorithm.random']);
});

test('{ model } and a bare model are the same model', () => {
  const model = loadModel(FILE);
  expect(toModel({ model })).toBe(model);
  expect(toModel(model)).toBe(model);
});

test('a file path and a spec object are read as the spec', () => {
  expect(toModel(FILE)).toEqual(loadModel(FILE));
  const spec = {
    name: 'x',
    frontends: [{ name: 'h', protocol: 'http' as const, port: 80, defaultAction: { forward: { pool: 'p' } } }],
    pools: [{ name: 'p', protocol: 'http' as const, port: 80 }],
  };
  expect(toModel(spec)).toEqual(buildModel(spec));
});

test('two sources at once is an options error naming the input', () => {
  expect(() => toModel({ specFile: FILE, model: loadModel(FILE) })).toThrow(LocalOptionsError);
  expect(() => toModel({ specFile: FILE, model: loadModel(FILE) })).toThrow(/^spec: give exactly one of spec, specFile and model \(got 2\)/);
});
