/**
 * The member-response parser of the proxy's upstream client, table-driven. Every case is fed whole, split
 * at every byte, and one byte at a time: framing must not depend on how the member's bytes arrive.
 */
import { MemberResponseError } from '../../lib/errors';
import { ResponseParser, type ResponseHead } from '../../providers/local/http/upstream/response-parser';
import { splits, thrown } from './support';

interface Parsed {
  heads: Array<Omit<ResponseHead, 'rawHeaders'> & { rawHeaders: string[] }>;
  body: string;
  complete: boolean;
  untilClose: boolean;
  /** Bytes of the input after the response (not consumed). */
  unconsumed: number;
}

function parse(chunks: readonly Buffer[], method = 'GET', maxHead = 16384): Parsed {
  const out: Parsed = { heads: [], body: '', complete: false, untilClose: false, unconsumed: 0 };
  let consumed = 0;
  const parser = new ResponseParser(
    {
      onHead: (h) => out.heads.push({ ...h, rawHeaders: [...h.rawHeaders] }),
      onBody: (c) => {
        out.body += c.toString('latin1');
      },
    },
    maxHead,
  );
  parser.start(method);
  for (const chunk of chunks) {
    if (parser.complete) break;
    consumed += parser.execute(chunk);
  }
  out.unconsumed = chunks.reduce((n, c) => n + c.length, 0) - consumed;
  out.complete = parser.complete;
  out.untilClose = parser.untilClose;
  return out;
}

const head = (statusCode: number, statusMessage: string, rawHeaders: string[], keepAlive: boolean) => ({ statusCode, statusMessage, rawHeaders, keepAlive });
/** The status line of most cases, and the head parsed from it. */
const OK = 'HTTP/1.1 200 OK\r\n';
const ok = (rawHeaders: string[], keepAlive = true) => head(200, 'OK', rawHeaders, keepAlive);

/** A response whose framing (a length, chunks or none) ends it: complete, with what follows left unread. */
const framed = (h: Parsed['heads'][number], body = '', unconsumed = 0): Parsed => ({ heads: [h], body, complete: true, untilClose: false, unconsumed });
/** A response without framing: its body runs until the member closes. */
const untilClose = (h: Parsed['heads'][number], body: string): Parsed => ({ heads: [h], body, complete: false, untilClose: true, unconsumed: 0 });

type Valid = [name: string, input: string, expected: Parsed, method?: string];

const VALID: Valid[] = [
  ['Content-Length body', `${OK}Content-Length: 5\r\nX-A:  v  \r\n\r\nhello`, framed(ok(['Content-Length', '5', 'X-A', 'v']), 'hello')],
  ['bytes after a Content-Length body are not consumed', `${OK}Content-Length: 2\r\n\r\nhiEXTRA`, framed(ok(['Content-Length', '2']), 'hi', 5)],
  ['Content-Length 0', 'HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n', framed(head(201, 'Created', ['Content-Length', '0'], true)), 'POST'],
  [
    'chunked with extensions and trailers',
    `${OK}Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n`,
    framed(ok(['Transfer-Encoding', 'chunked']), 'hello0123456789'),
  ],
  [
    'chunked, upper-case hex and padded size',
    `${OK}Transfer-Encoding: gzip, chunked\r\n\r\n00B \r\nhello world\r\n0\r\n\r\n`,
    framed(ok(['Transfer-Encoding', 'gzip, chunked']), 'hello world'),
  ],
  ['no framing: the body runs until the connection closes', `${OK}X-A: b\r\n\r\nsome bytes`, untilClose(ok(['X-A', 'b'], false), 'some bytes')],
  ['a coding other than chunked: until close', `${OK}Transfer-Encoding: gzip\r\n\r\nzz`, untilClose(ok(['Transfer-Encoding', 'gzip'], false), 'zz')],
  ['HEAD: no body whatever the headers say', `${OK}Content-Length: 1000\r\n\r\n`, framed(ok(['Content-Length', '1000'])), 'HEAD'],
  ['204: no body', 'HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n', framed(head(204, 'No Content', ['Content-Length', '7'], true))],
  ['304: no body', 'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n', framed(head(304, 'Not Modified', ['ETag', '"x"'], true))],
  [
    '1xx interim responses are skipped',
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx',
    framed(ok(['Content-Length', '1']), 'x'),
    'POST',
  ],
  [
    'Connection: close',
    `${OK}Connection: Keep-Alive, Close\r\nContent-Length: 0\r\n\r\n`,
    framed(ok(['Connection', 'Keep-Alive, Close', 'Content-Length', '0'], false)),
  ],
  ['HTTP/1.0 closes unless it asks for keep-alive', 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', framed(ok(['Content-Length', '0'], false))],
  [
    'HTTP/1.0 with keep-alive',
    'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n',
    framed(ok(['Connection', 'keep-alive', 'Content-Length', '0'])),
  ],
  [
    'no reason phrase; obs-text and HTAB in a value',
    'HTTP/1.1 404\r\nX-A: caf\xe9\there\r\nContent-Length: 0\r\n\r\n',
    framed(head(404, '', ['X-A', 'caf\xe9\there', 'Content-Length', '0'], true)),
  ],
  [
    'repeated headers are kept in order',
    `${OK}Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n`,
    framed(ok(['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Content-Length', '0'])),
  ],
];

describe('well-formed responses', () => {
  test.each(VALID)('%s', (_name, input, expected, method = 'GET') => {
    for (const chunks of splits(input)) expect(parse(chunks, method)).toEqual(expected);
  });
});

type Invalid = [name: string, input: string, detail: RegExp];

const INVALID: Invalid[] = [
  ['not HTTP', 'HELLO\r\n\r\n', /status line/],
  ['HTTP/2 status line', 'HTTP/2 200 OK\r\n\r\n', /status line/],
  ['status out of range', 'HTTP/1.1 099 Low\r\n\r\n', /status line/],
  ['four-digit status', 'HTTP/1.1 2000 OK\r\n\r\n', /status line/],
  ['bare LF line endings', 'HTTP/1.1 200 OK\nContent-Length: 0\n\n\r\n\r\n', /status line|header/],
  ['obs-fold', 'HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 0\r\n\r\n', /header field/],
  ['space before the colon', 'HTTP/1.1 200 OK\r\nX-A : a\r\n\r\n', /header field/],
  ['no colon', 'HTTP/1.1 200 OK\r\nX-A\r\n\r\n', /header field/],
  ['bare CR in a value', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n', /invalid character/],
  ['NUL in a value', 'HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n', /invalid character/],
  ['two Content-Length headers', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx', /more than one Content-Length/],
  ['Content-Length as a list', 'HTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\n\r\nx', /not a number/],
  ['signed Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\nx', /not a number/],
  ['Transfer-Encoding with Content-Length', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n0\r\n\r\n', /both/],
  ['chunked not final', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', /final/],
  ['chunked twice', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n', /final/],
  ['101 to a plain request', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n', /101/],
  ['chunk size not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /chunk size/],
  ['negative chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n', /chunk size/],
  ['chunk size overflowing', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000000000000\r\n', /chunk size/],
  ['chunk data longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n', /longer than its size/],
  ['bare LF after chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\nab\r\n', /bare LF/],
  ['malformed trailer', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon\r\n\r\n', /trailer/],
];

describe('malformed responses are refused', () => {
  test.each(INVALID)('%s', (_name, input, detail) => {
    for (const chunks of splits(input)) {
      const error = thrown(() => parse(chunks));
      expect(error).toBeInstanceOf(MemberResponseError);
      expect((error as MemberResponseError).code).toBe('ERR_LBKIT_MEMBER_RESPONSE');
      expect((error as MemberResponseError).detail).toMatch(detail);
    }
  });

  test('a head over the limit, complete or not', () => {
    const big = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(200)}\r\n\r\n`;
    expect(() => parse([Buffer.from(big)], 'GET', 100)).toThrow(/head too large/);
    expect(() => parse([Buffer.from(big.slice(0, 150))], 'GET', 100)).toThrow(/head too large/);
    expect(parse([Buffer.from(big)], 'GET', 1000).heads).toHaveLength(1);
  });

  test('an endless chunk-size line', () => {
    expect(() => parse([Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;${'x'.repeat(5000)}`)])).toThrow(/chunk line too long/);
  });
});

describe('one parser, many responses (a keep-alive connection)', () => {
  test('start() resets it for the next response; finish() ends a close-delimited body', () => {
    const seen: number[] = [];
    let body = '';
    const parser = new ResponseParser(
      {
        onHead: (h) => seen.push(h.statusCode),
        onBody: (c) => {
          body += c.toString();
        },
      },
      16384,
    );
    parser.start('GET');
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na'));
    expect(parser.complete).toBe(true);
    parser.start('HEAD');
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n'));
    expect(parser.complete).toBe(true);
    parser.start('GET');
    parser.execute(Buffer.from('HTTP/1.1 500 Oops\r\n\r\nbc'));
    expect(parser.complete).toBe(false);
    expect(parser.finish()).toBe(true);
    expect(seen).toEqual([200, 200, 500]);
    expect(body).toBe('abc');
    parser.start('GET');
    parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab'));
    expect(parser.finish()).toBe(false); // cut short
  });
});
