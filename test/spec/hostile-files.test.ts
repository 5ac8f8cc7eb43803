/**
 * Issue 15, the spec loader: hostile or broken files fail fast, with bounded memory, as spec errors that give
 * the file, the line and a fix. Each probe of the issue is a test here; every input is a few MB at most.
 */
import { aliasBomb } from '../support/yaml-bombs';
import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../lib/model';
import { loadSpecFile, parseSpecText, SPEC_LIMITS, SpecLoadError, SpecValidationError } from '../../lib/spec';

const dir = mkdtempSync(join(tmpdir(), 'lbkit-hostile-'));
const write = (name: string, content: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

/** CPU seconds a call takes (not wall time: other processes on the machine do not count). */
function cpuSeconds(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

const VALID_YAML = 'name: x\nfrontends: [{name: h, protocol: http, port: 80, defaultAction: {fixedResponse: {statusCode: 200}}}]\n';

/** The SpecLoadError a call throws (fails the test if it throws anything else or nothing). */
function loadError(run: () => unknown): SpecLoadError {
  try {
    run();
  } catch (e) {
    if (e instanceof SpecLoadError) return e;
    throw new Error(`expected a SpecLoadError, got ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
  }
  throw new Error('expected a SpecLoadError, got a result');
}

/** Every issue of a load error names a fix; those about a place in the file name its line. */
function expectActionable(e: SpecLoadError, file: string) {
  expect(e.code).toBe('LBKIT_SPEC_LOAD');
  expect(e.file).toBe(file);
  expect(e.issues.length).toBeGreaterThan(0);
  for (const issue of e.issues) expect(issue.fix).toEqual(expect.any(String));
  expect(e.message).toContain(file);
}

describe('size limits: refused before memory grows', () => {
  test('/dev/zero fails as too large after reading at most limit + 1 bytes', () => {
    const before = process.memoryUsage().rss;
    let e: SpecLoadError | undefined;
    expect(
      cpuSeconds(() => {
        e = loadError(() => loadSpecFile('/dev/zero'));
      }),
    ).toBeLessThan(1);
    if (!e) throw new Error('no error');
    expectActionable(e, '/dev/zero');
    expect(e.message).toMatch(/larger than 4 MiB/);
    // Reading stops at the cap: far from the 8 GB the unbounded read reached.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 10_000);

  test('a YAML file over the YAML cap is refused by its size, before parsing', () => {
    const file = write('big.yaml', `name: x\nfrontends: []\n#${'x'.repeat(SPEC_LIMITS.yamlBytes)}\n`);
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.message).toMatch(/larger than 1 MiB \(\d+ bytes\)/);
  });

  test('a 50 MB file is refused by its size without being read (a sparse file: no disk space used)', () => {
    const file = join(dir, 'fifty.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    let e: SpecLoadError | undefined;
    expect(
      cpuSeconds(() => {
        e = loadError(() => loadSpecFile(file));
      }),
    ).toBeLessThan(1);
    expect(e!.message).toMatch(/larger than 1 MiB \(52428800 bytes\)/);
  });

  test('a JSON file over the JSON cap is refused by its size', () => {
    const file = write('big.json', `{"name": "x", "pad": "${'x'.repeat(SPEC_LIMITS.jsonBytes)}"}`);
    expect(loadError(() => loadSpecFile(file)).message).toMatch(/larger than 4 MiB/);
  });

  test('text handed to parseSpecText is capped the same way', () => {
    expect(loadError(() => parseSpecText(`a: ${'x'.repeat(SPEC_LIMITS.yamlBytes)}`, 's.yaml')).message).toMatch(/larger than 1 MiB/);
  });

  test('JSON nested deeper than the limit is refused with the position of the bracket that crosses it', () => {
    const depth = 100_000;
    const file = write('deep.json', `${'['.repeat(depth)}${']'.repeat(depth)}`);
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.issues[0]).toMatchObject({ line: 1, column: SPEC_LIMITS.depth + 1 });
    expect(e.message).toMatch(/nests deeper than 64 levels/);
  });

  test('YAML nested deeper than the limit is refused', () => {
    const file = write('deep.yaml', `a: ${'['.repeat(200)}${']'.repeat(200)}\n`);
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.message).toMatch(/nests deeper than 64 levels/);
    expect(e.line).toBe(1);
  });

  test('a document with more values than the limit is refused', () => {
    const file = write(
      'many.json',
      `[${Array(SPEC_LIMITS.values + 1)
        .fill('0')
        .join(',')}]`,
    );
    const e = loadError(() => loadSpecFile(file));
    expect(e).toBeInstanceOf(SpecLoadError);
    expect(e.message).toMatch(/more than 500,000 values/);
  });

  test('counts of frontends, rules and pools are bounded by the schema', () => {
    const pools = Array.from({ length: SPEC_LIMITS.pools + 1 }, (_, i) => ({ name: `p${i}`, protocol: 'http', port: 80 }));
    const text = JSON.stringify({ name: 'x', frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'p0' } } }], pools });
    const file = write('pools.json', text);
    try {
      loadSpecFile(file);
      throw new Error('expected a SpecValidationError');
    } catch (e) {
      expect((e as SpecValidationError).issues).toEqual([expect.objectContaining({ path: 'pools', message: 'allows at most 10000 entries', line: 1 })]);
    }
  });
});

describe('YAML aliases and merge keys: expansion is bounded and reported', () => {
  test('an alias bomb ("billion laughs") stops at the value limit as a spec error at the alias', () => {
    const file = write('alias-bomb.yaml', aliasBomb('"lol"'));
    let e: SpecLoadError | undefined;
    expect(
      cpuSeconds(() => {
        e = loadError(() => loadSpecFile(file));
      }),
    ).toBeLessThan(5);
    expectActionable(e!, file);
    expect(e!.message).toMatch(/expands to more than 500,000 values/);
    expect(e!.line).toBeGreaterThan(1);
  }, 10_000);

  test('a merge-key bomb stops at the value limit too', () => {
    let text = '%YAML 1.1\n---\nname: x\nfrontends: []\na0: &a0 {k: v}\n';
    for (let i = 1; i < 25; i++) text += `a${i}: &a${i}\n  <<: [*a${i - 1}]\n  k${i}: *a${i - 1}\n  j${i}: *a${i - 1}\n`;
    const file = write('merge-bomb.yaml', text);
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.message).toMatch(/expands to more than 500,000 values/);
  }, 10_000);

  test('an alias that refers to its own anchor stops at the depth limit', () => {
    const file = write('self.yaml', 'name: x\nfrontends: &f [*f]\n');
    expect(loadError(() => loadSpecFile(file)).message).toMatch(/nests deeper than 64 levels/);
  });

  test('an undefined alias is a spec error with its line, and loadModel never throws a ReferenceError', () => {
    const file = write('undefined-alias.yaml', 'name: x\nfrontends: *nope\n');
    const e = loadError(() => loadModel(file));
    expectActionable(e, file);
    expect(e.issues[0]).toMatchObject({ line: 2, column: 12, message: "alias '*nope' has no anchor before it" });
  });

  test('ordinary aliases and merge keys still work', () => {
    const file = write(
      'merge.yaml',
      [
        '%YAML 1.1',
        '---',
        'name: x',
        'frontends:',
        '  - &f {name: a, protocol: http, port: 80, defaultAction: {forward: {pool: web}}}',
        '  - <<: *f',
        '    name: b',
        '    port: 81',
        'pools:',
        '  - {name: web, protocol: http, port: 8080}',
        '',
      ].join('\n'),
    );
    const model = loadModel(file);
    expect(model.frontends.map((f) => [f.name, f.port, f.defaultAction])).toEqual([
      ['a', 80, { type: 'forward', pool: 'web' }],
      ['b', 81, { type: 'forward', pool: 'web' }],
    ]);
  });
});

describe('parse failures are spec errors with file, line and fix', () => {
  test('a YAML file with several syntax errors lists them all', () => {
    const file = write('several.yaml', 'a: [1\nb: {x\nc: "unterminated\n');
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.issues.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(e.message).toMatch(/3 problems reading the spec/);
  });

  test('a file with thousands of problems lists the first 100 and how many more there are', () => {
    const file = write('many-errors.yaml', `a: {${'k: v, '.repeat(5000)}}\n`);
    const e = loadError(() => loadSpecFile(file));
    expect(e.issues).toHaveLength(101);
    expect(e.issues[100].message).toBe('… and 4899 more problems of the same kinds');
    expect(e.issues[0]).toMatchObject({ line: 1, message: "Map keys must be unique: 'k' is set twice in this map", fix: 'remove or rename one of the keys' });
  });

  test('a map with 100,000 keys is read in linear time (the duplicate-key check once compared every pair)', () => {
    const text = `name: x\nfrontends: []\ntags:\n${Array.from({ length: 100_000 }, (_, i) => ` k${i.toString(36)}: v\n`).join('')}`;
    expect(text.length).toBeLessThan(SPEC_LIMITS.yamlBytes);
    let data: unknown;
    expect(
      cpuSeconds(() => {
        data = parseSpecText(text, 'keys.yaml').data;
      }),
    ).toBeLessThan(20);
    expect(Object.keys((data as { tags: object }).tags)).toHaveLength(100_000);
  }, 60_000);

  test('JSON is parsed as JSON: a syntax error has its line, column and a fix', () => {
    const file = write('broken.json', '{\n  "name": "x",\n  "frontends": [],\n}\n');
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.issues).toEqual([expect.objectContaining({ line: 4, column: 1, message: "expected a quoted property name after ','" })]);
    expect(e.issues[0].fix).toMatch(/trailing ','/);
  });

  test('duplicate keys in JSON are an error, as in YAML, rather than the last one winning', () => {
    const file = write('dup.json', '{"name": "a",\n "name": "b"}');
    expect(loadError(() => loadSpecFile(file)).issues[0]).toMatchObject({ line: 2, column: 2, message: 'duplicate key "name" in this object' });
  });

  test('a JSON spec of several MB parses quickly through JSON.parse', () => {
    const pools = Array.from({ length: 9000 }, (_, i) => ({
      name: `pool-${i}`,
      protocol: 'http',
      port: 8080,
      healthCheck: { path: `/health/${'x'.repeat(300)}` },
    }));
    const text = JSON.stringify({ name: 'x', frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'pool-0' } } }], pools });
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    const file = write('large.json', text);
    expect(cpuSeconds(() => expect(loadModel(file).pools).toHaveLength(9000))).toBeLessThan(10);
  }, 20_000);

  test('a UTF-16 file is named as such', () => {
    const file = write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID_YAML, 'utf16le')]));
    const e = loadError(() => loadSpecFile(file));
    expectActionable(e, file);
    expect(e.issues[0]).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/UTF-16.*spec files are UTF-8/) });
  });

  test('bytes that are not UTF-8 are named with their position', () => {
    const file = write('latin1.yaml', Buffer.from('name: x\ntags: {a: "caf\xe9"}\n', 'latin1'));
    const e = loadError(() => loadSpecFile(file));
    expect(e.issues[0]).toMatchObject({ line: 2, column: 15, message: 'the file is not valid UTF-8 here' });
  });

  test('a NUL byte is refused with its position', () => {
    const file = write('nul.yaml', 'name: x\ntags: {a: "b\u0000c"}\n');
    expect(loadError(() => loadSpecFile(file)).issues[0]).toMatchObject({ line: 2, column: 13, message: expect.stringMatching(/NUL byte/) });
  });

  test('a UTF-8 byte order mark is accepted, in YAML and in JSON', () => {
    expect(loadModel(write('bom.yaml', `\ufeff${VALID_YAML}`)).name).toBe('x');
    expect(
      loadModel(
        write(
          'bom.json',
          `\ufeff${JSON.stringify({ name: 'x', frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { fixedResponse: { statusCode: 200 } } }] })}`,
        ),
      ).name,
    ).toBe('x');
  });

  test('YAML-only types are spec errors, not objects in the spec', () => {
    const file = write('timestamp.yaml', '%YAML 1.1\n---\nname: x\ntags: {when: 2001-12-14}\nfrontends: []\n');
    expect(loadError(() => loadSpecFile(file)).issues[0]).toMatchObject({ line: 4, message: expect.stringMatching(/no JSON equivalent/) });
  });

  test('a directory is a load error, not a stack trace', () => {
    expect(loadError(() => loadSpecFile(dir)).message).toMatch(/directory/);
  });
});

describe('format by extension, else by content', () => {
  test('a file without extension that starts with { is JSON, or YAML in flow style when it is not JSON', () => {
    expect(
      loadModel(
        write(
          'spec-a',
          JSON.stringify({ name: 'x', frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { fixedResponse: { statusCode: 200 } } }] }),
        ),
      ).name,
    ).toBe('x');
    expect(
      loadModel(write('spec-b', '{name: y, frontends: [{name: h, protocol: http, port: 80, defaultAction: {fixedResponse: {statusCode: 200}}}]}')).name,
    ).toBe('y');
  });

  test('a .json file that is YAML is a JSON syntax error, with its position', () => {
    const file = write('flow.json', '{name: y}');
    expect(loadError(() => loadSpecFile(file)).issues[0]).toMatchObject({ line: 1, column: 2, message: "expected a quoted property name or '}'" });
  });
});
