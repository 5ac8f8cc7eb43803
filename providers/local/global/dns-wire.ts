/**
 * The DNS wire format, as much as an authoritative server for A/AAAA records needs (RFC 1035 section 4, EDNS(0)
 * RFC 6891, Client Subnet RFC 7871): read a query, write an answer. Names in answers point back to the question
 * (compression pointer 0xC00C). No npm DNS library is installed, and this subset is small.
 */

export const TYPE_A = 1;
export const TYPE_AAAA = 28;
export const TYPE_OPT = 41;
export const CLASS_IN = 1;
/** EDNS option code of Client Subnet (RFC 7871 section 6). */
export const OPTION_ECS = 8;

export const RCODE = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, notImp: 4, refused: 5 } as const;

export interface ClientSubnet {
  readonly family: 1 | 2;
  readonly sourcePrefix: number;
  /** The address, zero-padded to its family's length. */
  readonly address: string;
}

export interface DnsQuery {
  readonly id: number;
  /** Recursion desired, echoed in the answer. */
  readonly rd: boolean;
  readonly name: string;
  readonly type: number;
  readonly class: number;
  /** Present when the query carried an OPT record. */
  readonly edns?: { readonly udpSize: number; readonly clientSubnet?: ClientSubnet };
}

export class DnsFormatError extends Error {}

function readName(buf: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let at = start;
  let next = -1;
  for (let hops = 0; hops < 64; hops++) {
    if (at >= buf.length) throw new DnsFormatError('name runs past the message');
    const len = buf[at];
    if (len === 0) return { name: labels.join('.'), next: next < 0 ? at + 1 : next };
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= buf.length) throw new DnsFormatError('truncated compression pointer');
      if (next < 0) next = at + 2;
      at = ((len & 0x3f) << 8) | buf[at + 1];
      continue;
    }
    if (len > 63 || at + 1 + len > buf.length) throw new DnsFormatError('bad label length');
    labels.push(buf.toString('latin1', at + 1, at + 1 + len));
    at += 1 + len;
  }
  throw new DnsFormatError('too many labels or pointers');
}

function writeName(name: string): Buffer {
  const parts = name
    .split('.')
    .filter(Boolean)
    .map((label) => {
      const bytes = Buffer.from(label, 'latin1');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function readClientSubnet(data: Buffer): ClientSubnet | undefined {
  if (data.length < 4) return undefined;
  const family = data.readUInt16BE(0);
  const sourcePrefix = data[2];
  const bytes = data.subarray(4);
  if (family === 1) {
    const full = Buffer.alloc(4);
    bytes.copy(full, 0, 0, Math.min(4, bytes.length));
    return { family: 1, sourcePrefix, address: [...full].join('.') };
  }
  if (family === 2) {
    const full = Buffer.alloc(16);
    bytes.copy(full, 0, 0, Math.min(16, bytes.length));
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(full.readUInt16BE(i).toString(16));
    return { family: 2, sourcePrefix, address: groups.join(':') };
  }
  return undefined;
}

/** Reads a query: exactly one question; the OPT record (and its Client Subnet) from the additional section. */
export function parseQuery(buf: Buffer): DnsQuery {
  if (buf.length < 12) throw new DnsFormatError('shorter than a DNS header');
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  if (flags & 0x8000) throw new DnsFormatError('a response, not a query');
  const qdcount = buf.readUInt16BE(4);
  const ancount = buf.readUInt16BE(6);
  const nscount = buf.readUInt16BE(8);
  const arcount = buf.readUInt16BE(10);
  if (qdcount !== 1) throw new DnsFormatError(`${qdcount} questions (one is expected)`);
  const q = readName(buf, 12);
  if (q.next + 4 > buf.length) throw new DnsFormatError('truncated question');
  const type = buf.readUInt16BE(q.next);
  const klass = buf.readUInt16BE(q.next + 2);
  let at = q.next + 4;
  let edns: DnsQuery['edns'];
  for (let i = 0; i < ancount + nscount + arcount; i++) {
    const rr = readName(buf, at);
    if (rr.next + 10 > buf.length) throw new DnsFormatError('truncated record');
    const rrType = buf.readUInt16BE(rr.next);
    const rrClass = buf.readUInt16BE(rr.next + 2);
    const rdlength = buf.readUInt16BE(rr.next + 8);
    const rdata = buf.subarray(rr.next + 10, rr.next + 10 + rdlength);
    if (rdata.length !== rdlength) throw new DnsFormatError('truncated record data');
    if (rrType === TYPE_OPT) {
      let clientSubnet: ClientSubnet | undefined;
      for (let o = 0; o + 4 <= rdata.length;) {
        const code = rdata.readUInt16BE(o);
        const len = rdata.readUInt16BE(o + 2);
        if (code === OPTION_ECS) clientSubnet = readClientSubnet(rdata.subarray(o + 4, o + 4 + len));
        o += 4 + len;
      }
      edns = { udpSize: rrClass, ...(clientSubnet ? { clientSubnet } : {}) };
    }
    at = rr.next + 10 + rdlength;
  }
  return { id, rd: (flags & 0x0100) !== 0, name: q.name.toLowerCase(), type, class: klass, ...(edns ? { edns } : {}) };
}

function addressBytes(address: string, type: number): Buffer {
  if (type === TYPE_A) return Buffer.from(address.split('.').map(Number));
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function ecsOption(subnet: ClientSubnet, scopePrefix: number): Buffer {
  const bytes = Math.ceil(subnet.sourcePrefix / 8);
  const full = addressBytes(subnet.address, subnet.family === 1 ? TYPE_A : TYPE_AAAA).subarray(0, bytes);
  const body = Buffer.concat([Buffer.from([0, subnet.family, subnet.sourcePrefix, scopePrefix]), full]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(OPTION_ECS, 0);
  head.writeUInt16BE(body.length, 2);
  return Buffer.concat([head, body]);
}

export interface DnsAnswer {
  readonly rcode: number;
  /** Addresses of the question's type; empty with NOERROR: no data for this type (or fail-closed). */
  readonly addresses: readonly string[];
  readonly ttlSeconds: number;
  /** Echo the client subnet with this scope prefix (RFC 7871: the answer holds for that subnet). */
  readonly ecsScopePrefix?: number;
}

/** Writes the answer to `query`: authoritative, the question echoed, one record per address, OPT when asked. */
export function writeAnswer(query: DnsQuery, answer: DnsAnswer): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  // QR=1, opcode 0, AA=1, TC=0, RD echoed, RA=0, rcode.
  header.writeUInt16BE(0x8000 | 0x0400 | (query.rd ? 0x0100 : 0) | (answer.rcode & 0xf), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answer.addresses.length, 6);
  header.writeUInt16BE(0, 8);
  header.writeUInt16BE(query.edns ? 1 : 0, 10);
  const question = Buffer.concat([writeName(query.name), Buffer.from([query.type >> 8, query.type & 0xff, query.class >> 8, query.class & 0xff])]);
  const records = answer.addresses.map((address) => {
    const rdata = addressBytes(address, query.type);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0);
    rr.writeUInt16BE(query.type, 2);
    rr.writeUInt16BE(CLASS_IN, 4);
    rr.writeUInt32BE(answer.ttlSeconds, 6);
    rr.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([rr, rdata]);
  });
  const opt: Buffer[] = [];
  if (query.edns) {
    const options = query.edns.clientSubnet ? ecsOption(query.edns.clientSubnet, answer.ecsScopePrefix ?? 0) : Buffer.alloc(0);
    const rr = Buffer.alloc(11);
    rr[0] = 0; // root name
    rr.writeUInt16BE(TYPE_OPT, 1);
    rr.writeUInt16BE(1232, 3); // our UDP payload size
    rr.writeUInt32BE(0, 5);
    rr.writeUInt16BE(options.length, 9);
    opt.push(rr, options);
  }
  return Buffer.concat([header, question, ...records, ...opt]);
}

/** An answer to a message that could not be read: FORMERR with the id when there is one. */
export function formatError(buf: Buffer): Buffer | undefined {
  if (buf.length < 2) return undefined;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(buf.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8000 | RCODE.formErr, 2);
  return header;
}

/** A query message (the test clients and `lbkit` tools use it): one question, optionally EDNS with Client Subnet. */
export function writeQuery(id: number, name: string, type: number, clientSubnet?: ClientSubnet): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(clientSubnet ? 1 : 0, 10);
  const question = Buffer.concat([writeName(name), Buffer.from([type >> 8, type & 0xff, 0, CLASS_IN])]);
  if (!clientSubnet) return Buffer.concat([header, question]);
  const options = ecsOption(clientSubnet, 0);
  const rr = Buffer.alloc(11);
  rr.writeUInt16BE(TYPE_OPT, 1);
  rr.writeUInt16BE(1232, 3);
  rr.writeUInt16BE(options.length, 9);
  return Buffer.concat([header, question, rr, options]);
}

export interface DnsResponse {
  readonly id: number;
  readonly rcode: number;
  readonly authoritative: boolean;
  readonly answers: readonly { readonly type: number; readonly ttl: number; readonly address: string }[];
  readonly ecsScopePrefix?: number;
}

/** Reads a response (for the test clients): A and AAAA answers, and the echoed Client Subnet scope. */
export function parseResponse(buf: Buffer): DnsResponse {
  if (buf.length < 12) throw new DnsFormatError('shorter than a DNS header');
  const flags = buf.readUInt16BE(2);
  const qd = buf.readUInt16BE(4);
  const an = buf.readUInt16BE(6);
  const ns = buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  let at = 12;
  for (let i = 0; i < qd; i++) at = readName(buf, at).next + 4;
  const answers: Array<DnsResponse['answers'][number]> = [];
  let ecsScopePrefix: number | undefined;
  for (let i = 0; i < an + ns + ar; i++) {
    const rr = readName(buf, at);
    const type = buf.readUInt16BE(rr.next);
    const ttl = buf.readUInt32BE(rr.next + 4);
    const len = buf.readUInt16BE(rr.next + 8);
    const rdata = buf.subarray(rr.next + 10, rr.next + 10 + len);
    if (i < an && type === TYPE_A) answers.push({ type, ttl, address: [...rdata].join('.') });
    if (i < an && type === TYPE_AAAA) {
      const groups: string[] = [];
      for (let g = 0; g < 16; g += 2) groups.push(rdata.readUInt16BE(g).toString(16));
      answers.push({ type, ttl, address: groups.join(':') });
    }
    if (type === TYPE_OPT) {
      for (let o = 0; o + 4 <= rdata.length;) {
        const code = rdata.readUInt16BE(o);
        const olen = rdata.readUInt16BE(o + 2);
        if (code === OPTION_ECS && olen >= 4) ecsScopePrefix = rdata[o + 4 + 3];
        o += 4 + olen;
      }
    }
    at = rr.next + 10 + len;
  }
  return {
    id: buf.readUInt16BE(0),
    rcode: flags & 0xf,
    authoritative: (flags & 0x0400) !== 0,
    answers,
    ...(ecsScopePrefix !== undefined ? { ecsScopePrefix } : {}),
  };
}
