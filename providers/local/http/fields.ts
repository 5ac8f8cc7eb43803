/**
 * Header fields on the wire (RFC 9110 §5, RFC 9112 §5), read by both parsers of the proxy: clients'
 * requests (server/request-parser.ts) and members' responses (upstream/response-parser.ts). One set of
 * rules for both sides: a field name is a token right before the colon (which refuses obs-fold and
 * whitespace before the colon), a value has no control character but HTAB, and surrounding whitespace is
 * not part of the value.
 */

/** RFC 9110 §5.6.2 token characters. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a field value may not contain: controls other than HTAB (Node's own check for header values). */
export const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * The field lines of a head, `text[from]` to its end (CRLF-separated, without the empty line), as a flat
 * [name, value, ...] list; throws `error(detail)` on a malformed line.
 */
export function parseFields(text: string, from: number, error: (detail: string) => Error): string[] {
  const raw: string[] = [];
  while (from < text.length) {
    let next = text.indexOf('\r\n', from);
    if (next < 0) next = text.length;
    const colon = text.indexOf(':', from);
    const name = colon > from && colon < next ? text.slice(from, colon) : '';
    if (!TOKEN.test(name)) throw error('malformed header field');
    let start = colon + 1;
    let end = next;
    while (start < end && isOws(text.charCodeAt(start))) start++;
    while (end > start && isOws(text.charCodeAt(end - 1))) end--;
    const value = text.slice(start, end);
    if (INVALID_VALUE.test(value)) throw error(`invalid character in header '${name}'`);
    raw.push(name, value);
    from = next + 2;
  }
  return raw;
}

/**
 * `value` appended to the values of the same field seen before (undefined when none): field lines of one
 * name combine into one comma-separated list (RFC 9110 §5.3).
 */
export function combinedValue(seen: string | undefined, value: string): string {
  return seen === undefined ? value : `${seen}, ${value}`;
}

/** Whether one line is a valid field (a trailer). */
export function validField(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && TOKEN.test(line.slice(0, colon)) && !INVALID_VALUE.test(line.slice(colon + 1));
}

function isOws(c: number): boolean {
  return c === 32 || c === 9;
}
