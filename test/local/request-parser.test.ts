/**
 * The client-request parser of the proxy's own HTTP/1.1 server, table-driven. Every case is fed whole, split
 * at every byte, and one byte at a time: what a request is must not depend on how its bytes arrive.
 * Body framing comes from the caller (the connection decides it from inspect.ts), here from the head.
 */
import { ClientRequestError } from '../../lib/errors';
import { RequestParser, type RequestHead } from '../../providers/local/http/server/request-parser';
import { splits, thrown } from './support';

interface Parsed {
  heads: RequestHead[];
  body: string;
  ends: number;
  /** Bytes of the input after the request (the next one, pipelined). */
  unconsumed: number;
}

/** Parses one request; a Content-Length or chunked Transfer-Encoding in the head sets its body framing. */
function parse(chunks: readonly Buffer[], maxHead = 16384): Parsed {
  const out: Parsed = { heads: [], body: '', ends: 0, unconsumed: 0 };
  const parser: RequestParser = new RequestParser(
    {
      onRequestHead: (h) => {
        out.heads.push({ ...h, rawHeaders: [...h.rawHeaders] });
        const raw = h.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) {
          if (raw[i].toLowerCase() === 'content-length') parser.expectBody('length', Number(raw[i + 1]));
          if (raw[i].toLowerCase() === 'transfer-encoding') parser.expectBody('chunked');
        }
      },
      onRequestBody: (c) => {
        out.body += c.toString('latin1');
      },
      onRequestEnd: () => {
        out.ends++;
      },
    },
    maxHead,
  );
  let consumed = 0;
  for (const chunk of chunks) {
    if (parser.complete) break;
    consumed += parser.execute(chunk);
  }
  out.unconsumed = chunks.reduce((n, c) => n + c.length, 0) - consumed;
  return out;
}

const head = (method: string, url: string, rawHeaders: string[], minor: 0 | 1 = 1): RequestHead => ({
  method,
  url,
  httpVersion: minor ? '1.1' : '1.0',
  httpVersionMajor: 1,
  httpVersionMinor: minor,
  rawHeaders,
});

/** The result of one whole request: its head, its body, one end, and what follows it left unread. */
const one = (h: RequestHead, body = '', unconsumed = 0): Parsed => ({ heads: [h], body, ends: 1, unconsumed });

type Valid = [name: string, input: string, expected: Parsed];

const VALID: Valid[] = [
  ['GET without a body', 'GET /a?b=c HTTP/1.1\r\nHost: x\r\nX-A:  v  \r\n\r\n', one(head('GET', '/a?b=c', ['Host', 'x', 'X-A', 'v']))],
  ['HTTP/1.0', 'GET / HTTP/1.0\r\n\r\n', one(head('GET', '/', [], 0))],
  ['empty lines before the request line are skipped', '\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n', one(head('GET', '/', ['Host', 'x']))],
  [
    'Content-Length body',
    'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
    one(head('POST', '/p', ['Host', 'x', 'Content-Length', '5']), 'hello'),
  ],
  ['a pipelined request is not consumed', 'GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\n\r\n', one(head('GET', '/1', ['Host', 'x']), '', 19)],
  [
    'bytes after a Content-Length body are not consumed',
    'PUT / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiNEXT',
    one(head('PUT', '/', ['Content-Length', '2']), 'hi', 4),
  ],
  [
    'chunked with extensions and trailers',
    'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-T: t\r\n\r\nNEXT',
    one(head('POST', '/', ['Transfer-Encoding', 'chunked']), 'hello0123456789', 4),
  ],
  ["absolute-form and asterisk-form targets are the inspector's to judge", 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', one(head('OPTIONS', '*', ['Host', 'x']))],
  ['obs-text (bytes above 0x7f) in a value and the target', 'GET /caf\xe9 HTTP/1.1\r\nX-N: caf\xe9\r\n\r\n', one(head('GET', '/caf\xe9', ['X-N', 'caf\xe9']))],
  ['an empty value', 'GET / HTTP/1.1\r\nX-Empty:\r\n\r\n', one(head('GET', '/', ['X-Empty', '']))],
];

describe('valid requests: the same result however the bytes arrive', () => {
  test.each(VALID)('%s', (_name, input, expected) => {
    for (const chunks of splits(input)) expect(parse(chunks)).toEqual(expected);
  });
});

/** The head of a chunked request: its body follows. */
const CHUNKED = 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n';
/** A chunked request whose first chunk-size line runs past the proxy's line limit. */
const LONG_CHUNK_LINE = `${CHUNKED}1;e=${'x'.repeat(4100)}`;

/** Malformed requests by the error each must raise: its status, reason and detail, then the inputs (case name -> bytes). */
interface InvalidGroup {
  status: 400 | 413 | 431;
  reason: string;
  detail: RegExp;
  cases: Record<string, string>;
}

const INVALID: InvalidGroup[] = [
  {
    status: 400,
    reason: 'malformed',
    detail: /request line/,
    cases: {
      'garbage request line': 'HELLO\r\n\r\n',
      'a method Node does not know': 'FETCH / HTTP/1.1\r\n\r\n',
      'a lower-case method': 'get / HTTP/1.1\r\n\r\n',
      'HTTP/2 preface': 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      'HTTP/1.2': 'GET / HTTP/1.2\r\n\r\n',
      'a space in the target': 'GET /a b HTTP/1.1\r\n\r\n',
      'two spaces after the method': 'GET  / HTTP/1.1\r\n\r\n',
      'a control character in the target': 'GET /a\x01 HTTP/1.1\r\n\r\n',
    },
  },
  { status: 400, reason: 'malformed', detail: /bare LF/, cases: { 'bare LF line endings': 'GET / HTTP/1.1\nHost: x\n\n' } },
  { status: 400, reason: 'malformed', detail: /bare LF|invalid character/, cases: { 'a bare LF after a CRLF line': 'GET / HTTP/1.1\r\nHost: x\n\r\n\r\n' } },
  {
    status: 400,
    reason: 'malformed',
    detail: /invalid character/,
    cases: { 'a bare CR': 'GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n', 'a control character in a value': 'GET / HTTP/1.1\r\nX-A: a\x01b\r\n\r\n' },
  },
  {
    status: 400,
    reason: 'malformed',
    detail: /header field/,
    cases: {
      'obsolete line folding': 'GET / HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n',
      'whitespace before the colon': 'GET / HTTP/1.1\r\nHost : x\r\n\r\n',
      'a name that is not a token': 'GET / HTTP/1.1\r\nX(A): b\r\n\r\n',
      'a line without a colon': 'GET / HTTP/1.1\r\nHost\r\n\r\n',
    },
  },
  { status: 400, reason: 'body-framing', detail: /chunk size/, cases: { 'a malformed chunk size': `${CHUNKED}zz\r\n` } },
  { status: 400, reason: 'body-framing', detail: /longer than its size/, cases: { 'chunk data longer than its size': `${CHUNKED}1\r\nab\r\n` } },
  { status: 400, reason: 'body-framing', detail: /bare LF/, cases: { 'a bare LF in chunked framing': `${CHUNKED}1\na\r\n` } },
  { status: 400, reason: 'body-framing', detail: /trailer/, cases: { 'a malformed trailer': `${CHUNKED}0\r\nbad trailer\r\n\r\n` } },
  {
    status: 413,
    reason: 'framing-too-large',
    detail: /chunk line too long/,
    cases: { 'an oversized chunk extension': `${LONG_CHUNK_LINE}\r\na\r\n`, 'an endless chunk-size line (no CRLF yet)': LONG_CHUNK_LINE },
  },
];

describe('malformed requests: an error with a stable code, a status and a reason, however the bytes arrive', () => {
  const cases = INVALID.flatMap(({ status, reason, detail, cases }) => Object.entries(cases).map(([name, input]) => ({ name, input, status, reason, detail })));
  test.each(cases)('$name', ({ input, status, reason, detail }) => {
    for (const chunks of splits(input)) {
      const error = thrown(() => parse(chunks));
      expect(error).toBeInstanceOf(ClientRequestError);
      const e = error as ClientRequestError;
      expect([e.code, e.status, e.reason]).toEqual(['ERR_LBKIT_CLIENT_REQUEST', status, reason]);
      expect(e.detail).toMatch(detail);
    }
  });

  test('trailers over the head limit are 413 (framing-too-large)', () => {
    const trailers = Array.from({ length: 5 }, (_, i) => `X-T${i}: ${'t'.repeat(60)}\r\n`).join('');
    const input = `${CHUNKED}0\r\n${trailers}\r\n`;
    expect(() => parse([Buffer.from(input)], 200)).toThrow(expect.objectContaining({ status: 413, reason: 'framing-too-large', detail: 'trailers too large' }));
    expect(parse([Buffer.from(input)], 1000).ends).toBe(1);
  });

  test('a head over the limit is 431, complete or not', () => {
    const big = `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(200)}\r\n\r\n`;
    for (const input of [big, big.slice(0, 150)]) {
      expect(() => parse([Buffer.from(input)], 100)).toThrow(expect.objectContaining({ status: 431, reason: 'header-too-large' }));
    }
    expect(parse([Buffer.from(big)], 1000).heads).toHaveLength(1);
  });
});

describe('one parser, many requests (a keep-alive connection)', () => {
  test('next() reads the following request; complete, idle and inHead follow the state', () => {
    const urls: string[] = [];
    const parser = new RequestParser({ onRequestHead: (h) => urls.push(h.url), onRequestBody: () => undefined, onRequestEnd: () => undefined }, 16384);
    expect(parser.idle).toBe(true);
    expect(parser.execute(Buffer.from('GET /1 HTT'))).toBe(10);
    expect([parser.idle, parser.inHead, parser.complete]).toEqual([false, true, false]);
    const rest = Buffer.from('P/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n');
    const used = parser.execute(rest);
    expect(used).toBe(9);
    expect(parser.complete).toBe(true);
    parser.next();
    expect(parser.idle).toBe(true);
    parser.execute(rest.subarray(used));
    expect(urls).toEqual(['/1', '/2']);
  });
});
