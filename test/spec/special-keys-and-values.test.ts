/**
 * Issue 15, the spec loader: nothing but the validated, parsed result reaches the model; keys that name
 * prototype machinery are refused anywhere; names, hosts, CIDRs and text fields are checked as their RFCs say;
 * long values come back shortened in messages.
 */
import { buildModel } from '../../lib/model';
import { parseSpecText, specIssues, validateSpec, type LoadBalancerSpec } from '../../lib/spec';
import { parseCidr } from '../../lib/util/cidr';

function spec(extra: Record<string, unknown> = {}): LoadBalancerSpec {
  return {
    name: 'web',
    frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { forward: { pool: 'web' } } }],
    pools: [{ name: 'web', protocol: 'http', port: 8080 }],
    ...extra,
  } as LoadBalancerSpec;
}

const issuesOf = (input: unknown) => specIssues(input).map(({ path, message }) => ({ path, message }));

describe('special keys and the parsed result', () => {
  test.each(['yaml', 'json'])('tags: {"__proto__": {...}} in %s is refused with its path and line', (format) => {
    const text =
      format === 'yaml'
        ? 'name: web\ntags: {"__proto__": {"polluted": "yes"}}\nfrontends: [{name: h, protocol: http, port: 80, defaultAction: {fixedResponse: {statusCode: 200}}}]\n'
        : '{"name": "web",\n "tags": {"__proto__": {"polluted": "yes"}},\n "frontends": [{"name": "h", "protocol": "http", "port": 80, "defaultAction": {"fixedResponse": {"statusCode": 200}}}]}';
    const { data, locateMany } = parseSpecText(text, `spec.${format}`);
    const issues = specIssues(data, { locateMany });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'tags.__proto__', line: 2, message: expect.stringMatching(/'__proto__' is not allowed as a key/) }),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('__proto__, constructor and prototype are refused as keys anywhere', () => {
    const input = JSON.parse(
      '{"name": "web", "frontends": [{"name": "h", "protocol": "http", "port": 80, "__proto__": {}, "defaultAction": {"fixedResponse": {"statusCode": 200}}}], "tags": {"constructor": "x", "prototype": "y"}}',
    );
    expect(issuesOf(input)).toEqual([
      { path: 'frontends[0].__proto__', message: expect.stringMatching(/not allowed as a key/) },
      { path: 'tags.constructor', message: expect.stringMatching(/not allowed as a key/) },
      { path: 'tags.prototype', message: expect.stringMatching(/not allowed as a key/) },
    ]);
  });

  test.each(['constructor', 'prototype'])("'%s' is refused as a name", (name) => {
    const input = spec({ pools: [{ name, protocol: 'http', port: 8080 }] });
    expect(issuesOf(input)).toEqual(expect.arrayContaining([{ path: 'pools[0].name', message: expect.stringMatching(/not 'constructor' or 'prototype'/) }]));
  });

  test('tag values must be strings', () => {
    expect(issuesOf(spec({ tags: { team: { nested: 'x' } } }))).toEqual([{ path: 'tags.team', message: 'expected string, got an object' }]);
  });

  test('validateSpec returns the parsed copy, never the input object', () => {
    const input = spec({ tags: { team: 'edge' } });
    const validated = validateSpec(input);
    expect(validated).toEqual(input);
    expect(validated).not.toBe(input);
    expect(validated.tags).not.toBe(input.tags);
    // A later change to the input does not reach a model built from it.
    const model = buildModel(input);
    (input.tags as Record<string, string>).team = 'changed';
    expect(model.tags).toEqual({ team: 'edge' });
  });

  test('a cyclic object is checked in linear time and refused, not looped on', () => {
    const input = spec() as Record<string, unknown>;
    input.self = input;
    expect(issuesOf(input)).toEqual([{ path: 'self', message: "unknown field 'self'" }]);
  });
});

describe('text fields refuse control characters, NUL and U+FFFD', () => {
  test.each([
    ['NUL', 'a\u0000b'],
    ['a control character', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['U+FFFD (non-UTF-8 bytes after decoding)', 'caf\ufffd'],
  ])('a tag value with %s', (_what, value) => {
    expect(issuesOf(spec({ tags: { team: value } }))).toEqual([{ path: 'tags.team', message: expect.stringMatching(/control characters or U\+FFFD/) }]);
  });

  test('a fixed response body may hold line breaks and tabs, not other control characters', () => {
    const withBody = (body: string) =>
      spec({ frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { fixedResponse: { statusCode: 200, body } } }] });
    expect(issuesOf(withBody('line 1\r\n\tline 2\n'))).toEqual([]);
    expect(issuesOf(withBody('a\u0000'))).toEqual([
      { path: 'frontends[0].defaultAction.fixedResponse.body', message: expect.stringMatching(/control characters/) },
    ]);
  });

  test('control characters in a name are refused like any other character outside a-z0-9-', () => {
    expect(issuesOf(spec({ name: 'web\u0000' }))).toEqual([{ path: 'name', message: expect.stringMatching(/does not fit/) }]);
  });
});

describe('host names (RFC 1035: 253 characters, labels of 63)', () => {
  const withHost = (host: string) =>
    spec({
      frontends: [
        {
          name: 'h',
          protocol: 'http',
          port: 80,
          rules: [{ name: 'r', match: { hosts: [host] }, action: { forward: { pool: 'web' } } }],
          defaultAction: { forward: { pool: 'web' } },
        },
      ],
    });
  const label = (n: number) => 'a'.repeat(n);
  const name = (labels: number, size: number) => Array(labels).fill(label(size)).join('.');

  test('a 253-character name with 63-character labels is accepted', () => {
    const host = `${name(3, 63)}.${label(61)}`;
    expect(host).toHaveLength(253);
    expect(issuesOf(withHost(host))).toEqual([]);
  });

  test('a 254 or 300-character name is refused', () => {
    expect(issuesOf(withHost(`${name(3, 63)}.${label(62)}`))).toHaveLength(1);
    expect(issuesOf(withHost(name(5, 59)))).toHaveLength(1);
  });

  test('a 64-character label is refused', () => {
    expect(issuesOf(withHost(`${label(64)}.example.com`))).toHaveLength(1);
  });

  test('redirect hosts and certificate domains follow the same rule', () => {
    const long = name(5, 59);
    const input = spec({
      certificates: [{ name: 'c', domains: [long] }],
      frontends: [{ name: 'h', protocol: 'http', port: 80, defaultAction: { redirect: { host: long } } }],
    });
    expect(issuesOf(input).map((i) => i.path)).toEqual(['certificates[0].domains[0]', 'frontends[0].defaultAction.redirect.host']);
  });
});

describe('CIDR blocks', () => {
  const withCidr = (cidr: string) =>
    spec({ frontends: [{ name: 'h', protocol: 'http', port: 80, allowedSourceCidrs: [cidr], defaultAction: { forward: { pool: 'web' } } }] });

  test.each(['010.0.0.0/8', '1.2.3.4/032', '10.00.0.0/16', '1.2.3.4/33', '::/129'])('%s is refused', (cidr) => {
    expect(issuesOf(withCidr(cidr))).toEqual([{ path: 'frontends[0].allowedSourceCidrs[0]', message: `'${cidr}' is not a valid CIDR block` }]);
  });

  test.each(['10.0.0.0/8', '0.0.0.0/0', '::ffff:10.0.0.0/104', '::ffff:0:0/96', '2001:db8::/32', '::/0'])('%s is accepted', (cidr) => {
    expect(issuesOf(withCidr(cidr))).toEqual([]);
  });

  test('an IPv4-mapped IPv6 block is the IPv4 block it maps, and reaches the model in dotted form', () => {
    expect(parseCidr('::ffff:10.0.0.0/104')).toMatchObject({ version: 4, bits: 104 });
    expect(parseCidr('::ffff:10.0.0.0/104')!.network).toBe(parseCidr('10.0.0.0/8')!.network);
    expect(buildModel(withCidr('::ffff:10.0.0.0/104')).frontends[0].allowedSourceCidrs).toEqual(['10.0.0.0/8']);
  });

  test('host bits in a mapped block are reported like any other', () => {
    expect(issuesOf(withCidr('::ffff:10.0.0.1/104'))).toEqual([
      { path: 'frontends[0].allowedSourceCidrs[0]', message: "'::ffff:10.0.0.1/104' has host bits set" },
    ]);
  });

  test('a very long CIDR is refused by length', () => {
    expect(issuesOf(withCidr(`${'1'.repeat(100_000)}/8`))).toEqual([expect.objectContaining({ path: 'frontends[0].allowedSourceCidrs[0]' })]);
  });
});

describe('long values are shortened in messages', () => {
  const MB = 1024 * 1024;

  test('a 1 MB name comes back as its first 60 characters and its length', () => {
    const issues = specIssues(spec({ name: 'x'.repeat(MB) }));
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain(`${'x'.repeat(60)}… (${MB} characters)`);
    expect(JSON.stringify(issues).length).toBeLessThan(1000);
  });

  test('a 1 MB unknown key comes back shortened, in the message and the path', () => {
    const issues = specIssues(spec({ ['k'.repeat(MB)]: 1 }));
    expect(issues).toHaveLength(1);
    expect(JSON.stringify(issues).length).toBeLessThan(1000);
    expect(issues[0].message).toContain(`(${MB} characters)`);
  });

  test('a 1 MB discriminator value comes back shortened', () => {
    const input = spec({ pools: [{ name: 'web', protocol: 'http', port: 8080, sessionPersistence: { type: 'c'.repeat(MB) } }] });
    const issues = specIssues(input);
    expect(issues).toHaveLength(1);
    expect(JSON.stringify(issues).length).toBeLessThan(1000);
  });
});
