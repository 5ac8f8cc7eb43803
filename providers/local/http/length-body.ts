/** Length-delimited bodies (Content-Length), shared by the request and the response parser. */

/**
 * The part of `data` from `at` that belongs to a body with `remaining` bytes still to come: all of `data`
 * itself when it is exactly that (no view made on the hot path), else a view.
 */
export function lengthChunk(data: Buffer, at: number, remaining: number): Buffer {
  const n = Math.min(remaining, data.length - at);
  return at === 0 && n === data.length ? data : data.subarray(at, at + n);
}
