/** Pure parts, table-driven: the hash ring, cookies, redirect targets, request inspection, time scale. */
import type { RequestHead } from '../../providers/local/http/server/request-parser';
import { Member } from '../../providers/local/balancer/member';
import { HashRing } from '../../providers/local/balancer/ring';
import { readCookie, setsCookie } from '../../providers/local/http/cookies';
import { inspectRequest } from '../../providers/local/http/inspect';
import { redirectLocation, type RedirectAction } from '../../providers/local/http/redirect';
import { TimeScale } from '../../providers/local/time';

describe('consistent-hash ring', () => {
  const members = Array.from({ length: 10 }, (_, i) => new Member({ host: '10.0.0.1', port: 8000 + i, weight: 1, probePort: 8000 + i }, i));
  const ring = new HashRing(members);
  const keys = Array.from({ length: 20000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const all = { eligible: () => true };

  test('keys spread evenly (each of 10 members within 10% ± 3%)', () => {
    const counts = new Map<Member, number>();
    for (const k of keys) {
      const m = ring.lookup(k, all)!;
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    for (const n of counts.values()) expect(Math.abs(n / keys.length - 0.1)).toBeLessThan(0.03);
  });

  test('removing one member moves exactly its keys, about 1/10', () => {
    const gone = members[3];
    const without = { eligible: (m: Member) => m !== gone };
    let moved = 0;
    for (const k of keys) {
      const before = ring.lookup(k, all)!;
      const after = ring.lookup(k, without)!;
      if (before === gone) moved++;
      else expect(after).toBe(before);
    }
    expect(Math.abs(moved / keys.length - 0.1)).toBeLessThan(0.03);
  });

  test('weights scale the share', () => {
    const weighted = [new Member({ host: 'a', port: 1, weight: 3, probePort: 1 }, 0), new Member({ host: 'b', port: 1, weight: 1, probePort: 1 }, 1)];
    const r = new HashRing(weighted);
    const share = keys.filter((k) => r.lookup(k, all) === weighted[0]).length / keys.length;
    expect(Math.abs(share - 0.75)).toBeLessThan(0.05);
  });
});

describe('cookies', () => {
  test.each([
    ['lbkit.web=abc', 'abc'],
    ['a=1; lbkit.web=abc; b=2', 'abc'],
    ['a=1;lbkit.web=abc', 'abc'],
    ['xlbkit.web=abc', undefined],
    ['lbkit.web2=abc', undefined],
    ['lbkit.web=', ''],
    ['a=lbkit.web=abc', undefined],
  ])('%s', (header, value) => {
    expect(readCookie(['Cookie', header], 'lbkit.web')).toBe(value);
  });

  test('the first Cookie header that has it wins', () => {
    expect(readCookie(['Cookie', 'a=1', 'cookie', 'lbkit.web=x', 'COOKIE', 'lbkit.web=y'], 'lbkit.web')).toBe('x');
  });

  test('Set-Cookie names are case-sensitive', () => {
    expect(setsCookie(['Set-Cookie', 'SESSION=1; Path=/'], 'SESSION')).toBe(true);
    expect(setsCookie(['set-cookie', 'session=1'], 'SESSION')).toBe(false);
  });
});

describe('redirect targets', () => {
  const base = {
    scheme: 'http' as const,
    host: 'Shop.Example.com:8080',
    localAddress: '127.0.0.1',
    localPort: 8080,
    path: '/a',
    query: 'x=1',
    mapPort: (p: number) => (p === 443 ? 8443 : p),
  };
  const r = (a: Partial<RedirectAction>) => ({ type: 'redirect' as const, statusCode: 301 as const, ...a });
  test.each([
    ['nothing set: same URL', r({}), 'http://shop.example.com:8080/a?x=1'],
    ["scheme change: that scheme's default port, mapped to where it listens", r({ scheme: 'https' }), 'https://shop.example.com:8443/a?x=1'],
    ['explicit default port is left out', r({ port: 80 }), 'http://shop.example.com/a?x=1'],
    ['host, path and empty query', r({ host: 'www.example.org', path: '/b', query: '' }), 'http://www.example.org:8080/b'],
    ['new query', r({ query: 'y=2' }), 'http://shop.example.com:8080/a?y=2'],
  ])('%s', (_name, action, location) => {
    expect(redirectLocation(action, base)).toBe(location);
  });

  test('a request without Host redirects to the address it reached', () => {
    expect(redirectLocation(r({}), { ...base, host: '', localAddress: '::1' })).toBe('http://[::1]:8080/a?x=1');
  });
});

describe('request inspection', () => {
  const req = (url: string, raw: string[], method = 'GET', version = '1.1'): RequestHead => ({
    url,
    method,
    rawHeaders: raw,
    httpVersion: version === '1.0' ? '1.0' : '1.1',
    httpVersionMajor: 1,
    httpVersionMinor: version === '1.0' ? 0 : 1,
  });

  test('origin-form: path and query split raw', () => {
    expect(inspectRequest(req('/a%2Fb?c=%20', ['Host', 'x']))).toMatchObject({
      host: 'x',
      path: '/a%2Fb',
      query: 'c=%20',
      target: '/a%2Fb?c=%20',
      body: 'none',
    });
  });

  test('absolute-form: the authority replaces Host; the target becomes origin-form', () => {
    expect(inspectRequest(req('HTTP://api.example.com:81?q', ['Host', 'other']))).toMatchObject({
      host: 'api.example.com:81',
      hostFromTarget: true,
      path: '/',
      query: 'q',
      target: '/?q',
    });
  });

  test('HTTP/1.0 without Host is fine; the Connection header lists extra hop-by-hop headers', () => {
    expect(inspectRequest(req('/', ['Connection', 'close, X-Trace , keep-alive, host'], 'GET', '1.0'))).toMatchObject({
      host: '',
      connectionHeaders: ['x-trace'],
      connectionClose: true,
      connectionKeepAlive: true,
      connectionUpgrade: false,
    });
  });

  test('an upgrade request needs Upgrade and a Connection header listing upgrade; Expect values are joined', () => {
    expect(inspectRequest(req('/', ['Host', 'x', 'Upgrade', 'websocket', 'Connection', 'Upgrade']))).toMatchObject({ upgrade: true, connectionUpgrade: true });
    expect(inspectRequest(req('/', ['Host', 'x', 'Upgrade', 'websocket']))).toMatchObject({ upgrade: true, connectionUpgrade: false });
    expect(inspectRequest(req('/', ['Host', 'x', 'Expect', '100-continue', 'expect', 'x']))).toMatchObject({ expect: '100-continue, x' });
  });

  test.each([
    ['chunked', 'chunked'],
    [' Chunked ', 'chunked'],
  ])('Transfer-Encoding %j is chunked framing', (te, body) => {
    expect(inspectRequest(req('/', ['Host', 'x', 'Transfer-Encoding', te], 'POST'))).toMatchObject({ body });
  });
});

test('time scale', () => {
  const t = new TimeScale(0.1);
  expect(t.ms(10)).toBe(1000);
  expect(t.ms(0)).toBe(0);
  expect(new TimeScale(0.0001).ms(1)).toBe(1);
  expect(t.wholeSeconds(3600)).toBe(360);
  expect(t.wholeSeconds(1)).toBe(1);
});
