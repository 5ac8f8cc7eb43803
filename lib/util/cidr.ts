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

export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
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

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefix)) return undefined;
  const length = Number(prefix);
  const max = ip.version === 4 ? 32 : 128;
  if (length > max) return undefined;
  const bits = ip.version === 4 ? 96 + length : length;
  return { text, version: ip.version, network: ip.value & mask(bits), bits };
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
