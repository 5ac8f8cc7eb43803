/**
 * IPv4/IPv6 addresses and CIDR blocks as 128-bit numbers. IPv4 addresses live in the IPv4-mapped range
 * (::ffff:a.b.c.d), so `::ffff:10.0.0.1` (how Node reports an IPv4 client on a dual-stack socket) and
 * `10.0.0.1` are the same address, and an IPv4 block matches both.
 */
export interface Cidr {
  readonly text: string;
  readonly version: 4 | 6;
  /** Network address as a 128-bit number (IPv4 mapped). */
  readonly network: bigint;
  /** Prefix length in the 128-bit space. */
  readonly bits: number;
}

const MAPPED = 0xffffn << 32n;

/** Dotted IPv4: four decimal octets without leading zeros (RFC 6943 3.1.1: '010' would be octal to some parsers). */
const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;
/** A prefix length: decimal without leading zeros. */
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
  if (IPV4.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { version: 4, value: MAPPED | BigInt(((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3]) };
  }
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIp(text.slice(lastColon + 1));
    if (!v4 || v4.version !== 4) return undefined;
    tailV4 = v4.value & 0xffffffffn;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  const mapped = value >> 32n === 0xffffn;
  return { version: mapped ? 4 : 6, value };
}

/**
 * A CIDR block. Dotted IPv4 takes prefixes 0-32; an IPv6 address takes 0-128, also in IPv4-mapped form
 * (`::ffff:10.0.0.0/104` is 10.0.0.0/8, RFC 4291 2.5.5.2), and is version 4 when the block lies in that range.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const ip = parseIp(address);
  const prefix = text.slice(slash + 1);
  if (!ip || !PREFIX.test(prefix)) return undefined;
  const length = Number(prefix);
  const dotted = !address.includes(':');
  if (length > (dotted ? 32 : 128)) return undefined;
  const bits = dotted ? 96 + length : length;
  const network = ip.value & mask(bits);
  const version = bits >= 96 && network >> 32n === 0xffffn ? 4 : 6;
  return { text, version, network, bits };
}

/** The block as clouds write it: an IPv4-mapped IPv6 block in dotted IPv4 form, anything else as given. */
export function normalizeCidr(text: string): string {
  const c = parseCidr(text);
  if (!c || c.version !== 4 || !text.slice(0, text.indexOf('/')).includes(':')) return text;
  const v = Number(c.network & 0xffffffffn);
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}/${c.bits - 96}`;
}

function mask(bits: number): bigint {
  return bits === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - bits)) - 1n);
}

/** Whether the CIDR's host bits are zero (10.0.0.0/8, not 10.0.0.1/8). */
export function isCanonicalCidr(text: string): boolean {
  const c = parseCidr(text);
  if (!c) return false;
  const ip = parseIp(text.slice(0, text.indexOf('/')));
  return ip !== undefined && ip.value === c.network;
}

export function cidrContains(cidr: Cidr, address: string): boolean {
  const ip = parseIp(address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address);
  return ip !== undefined && (ip.value & mask(cidr.bits)) === cidr.network;
}

/** Whether every address of `inner` is inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return outer.bits <= inner.bits && (inner.network & mask(outer.bits)) === outer.network;
}
