/** The request as lib/model/match.ts sees it. */
import type { RequestView } from '../../../lib/model/match';
import type { Inspected } from './inspect';

export class HttpRequestView implements RequestView {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: string;

  constructor(
    private readonly req: { readonly method: string; readonly rawHeaders: readonly string[] },
    inspected: Inspected,
    readonly sourceIp: string,
  ) {
    this.method = req.method;
    this.host = inspected.host;
    this.path = inspected.path;
    this.query = inspected.query;
  }

  header(name: string): readonly string[] {
    return headerValues(this.req.rawHeaders, name);
  }
}

/** Every value of a header (name lower-case), one per occurrence, in order. */
export function headerValues(raw: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === name.length && raw[i].toLowerCase() === name) out.push(raw[i + 1]);
  }
  return out;
}

/** The first value of a header (name lower-case), or undefined. */
export function firstHeader(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === name.length && raw[i].toLowerCase() === name) return raw[i + 1];
  }
  return undefined;
}
