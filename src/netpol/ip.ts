import { isIPv4, isIPv6 } from 'node:net';

/** IPv4 or IPv6. */
export type IpFamily = 4 | 6;

/** An inclusive range of addresses of one family, as integers. */
export interface IpRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/** Bits in an address of each family. */
const FAMILY_BITS: Readonly<Record<IpFamily, number>> = { 4: 32, 6: 128 };

/** Every address of a family. */
function wholeFamily(family: IpFamily): IpRange {
  return { family, first: 0n, last: (1n << BigInt(FAMILY_BITS[family])) - 1n };
}

function parseIPv4(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function parseIPv6(text: string): bigint {
  let body = text;
  const tail: string[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4?.[1]) {
    const value = parseIPv4(v4[1]);
    tail.push(((value >> 16n) & 0xffffn).toString(16), (value & 0xffffn).toString(16));
    body = body.slice(0, -v4[1].length) + 'x';
  }
  const [head = '', rest] = body.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = [...headGroups, ...restGroups].flatMap((g) => (g === 'x' ? tail : [g]));
  const missing = 8 - groups.length;
  const all =
    rest === undefined
      ? groups
      : [
          ...headGroups.flatMap((g) => (g === 'x' ? tail : [g])),
          ...Array<string>(missing).fill('0'),
          ...restGroups.flatMap((g) => (g === 'x' ? tail : [g])),
        ];
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses an address; undefined when it is neither IPv4 nor IPv6. */
export function parseIp(text: string): { family: IpFamily; value: bigint } | undefined {
  if (isIPv4(text)) return { family: 4, value: parseIPv4(text) };
  if (isIPv6(text)) return { family: 6, value: parseIPv6(text) };
  return undefined;
}

/**
 * Parses `address/prefix` into the range it covers. Host bits are ignored (as kube-proxy and most
 * plugins do; the API server rejects them from 1.33 with strict CIDR validation). Undefined when invalid.
 */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const bits = FAMILY_BITS[ip.family];
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const mask = (1n << hostBits) - 1n;
  const first = ip.value & ~mask;
  return { family: ip.family, first, last: first | mask };
}

/** Parses a range as {@link formatRange} prints it: a CIDR or `first-last`; undefined otherwise. */
export function parseRange(text: string): IpRange | undefined {
  const dash = text.indexOf('-');
  if (dash === -1) return parseCidr(text);
  const first = parseIp(text.slice(0, dash));
  const last = parseIp(text.slice(dash + 1));
  if (!first || !last || first.family !== last.family || first.value > last.value) return undefined;
  return { family: first.family, first: first.value, last: last.value };
}

/** A range holding one address. */
export function singleIp(text: string): IpRange | undefined {
  const ip = parseIp(text);
  return ip && { family: ip.family, first: ip.value, last: ip.value };
}

/** Whether `inner` lies wholly inside `outer`. */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether the ranges share an address. */
export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Formats an address of a family. */
export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === '0') end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  if (bestStart === -1) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

/**
 * A range as the fewest CIDRs that cover it exactly, in order (`10.0.0.0/8`,
 * `0.0.0.0/5 8.0.0.0/7 ...`).
 */
export function rangeToCidrs(range: IpRange): string[] {
  const bits = FAMILY_BITS[range.family];
  const cidrs: string[] = [];
  let first = range.first;
  while (first <= range.last) {
    let size = 0;
    while (size < bits) {
      const next = size + 1;
      const block = 1n << BigInt(next);
      if (first % block !== 0n || first + block - 1n > range.last) break;
      size = next;
    }
    cidrs.push(`${formatIp(range.family, first)}/${bits - size}`);
    first += 1n << BigInt(size);
  }
  return cidrs;
}

/** Text of a range: one CIDR when it is one, else `first-last`. */
export function formatRange(range: IpRange): string {
  const cidrs = rangeToCidrs(range);
  return cidrs.length === 1 && cidrs[0]
    ? cidrs[0]
    : `${formatIp(range.family, range.first)}-${formatIp(range.family, range.last)}`;
}

/**
 * Splits each family's whole space at every boundary of the given ranges: the result is disjoint,
 * covers all addresses, and every given range is a union of some of its atoms.
 */
export function ipAtoms(ranges: readonly IpRange[]): IpRange[] {
  const atoms: IpRange[] = [];
  for (const family of [4, 6] as const) {
    const whole = wholeFamily(family);
    const cuts = new Set<bigint>([whole.first]);
    for (const range of ranges) {
      if (range.family !== family) continue;
      cuts.add(range.first);
      if (range.last < whole.last) cuts.add(range.last + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < sorted.length; i++) {
      const first = sorted[i] as bigint;
      const next = sorted[i + 1];
      atoms.push({ family, first, last: next === undefined ? whole.last : next - 1n });
    }
  }
  return atoms;
}
