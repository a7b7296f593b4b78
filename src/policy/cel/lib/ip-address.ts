import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as Go's `netip.Addr` holds it: family and the address bits. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly bits: bigint;
}

/**
 * Parses an address as Kubernetes' `ip()` does (`kubernetes/apiserver:pkg/cel/library/ip.go`):
 * IPv4 dotted decimal without leading zeros, or IPv6; zones and IPv4-mapped IPv6 are rejected.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (isIPv4(text)) {
    const octets = text.split('.');
    if (octets.some((octet) => octet.length > 1 && octet.startsWith('0'))) return undefined;
    return { family: 4, bits: octets.reduce((bits, octet) => (bits << 8n) | BigInt(octet), 0n) };
  }
  if (!isIPv6(text) || text.includes('%')) return undefined;
  const bits = ipv6Bits(text);
  if (bits >> 32n === 0xffffn) return undefined;
  return { family: 6, bits };
}

function ipv6Bits(text: string): bigint {
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  let head = text;
  const extra: string[] = [];
  if (tail.includes('.')) {
    const octets = tail.split('.').map(Number);
    extra.push(
      (((octets[0] ?? 0) << 8) | (octets[1] ?? 0)).toString(16),
      (((octets[2] ?? 0) << 8) | (octets[3] ?? 0)).toString(16),
    );
    head = text.slice(0, lastColon + 1) + '0';
  }
  const [left = '', right] = head.split('::');
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  if (extra.length > 0) (right === undefined ? leftGroups : rightGroups).pop();
  const known = [...leftGroups, ...rightGroups, ...extra].length;
  const groups =
    right === undefined
      ? [...leftGroups, ...extra]
      : [...leftGroups, ...Array<string>(8 - known).fill('0'), ...rightGroups, ...extra];
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(`0x${group}`), 0n);
}

/** Canonical text: dotted decimal, or RFC 5952 IPv6 (lowercase, longest zero run compressed). */
export function formatIp(address: IpAddress): string {
  if (address.family === 4)
    return [24n, 16n, 8n, 0n].map((shift) => String((address.bits >> shift) & 0xffn)).join('.');
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) =>
    Number((address.bits >> shift) & 0xffffn),
  );
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength && length > 1) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Width of the address in bits. */
export function widthOf(address: IpAddress): bigint {
  return address.family === 4 ? 32n : 128n;
}

/** The address with every bit after `prefix` cleared. */
export function maskIp(address: IpAddress, prefix: number): IpAddress {
  const width = widthOf(address);
  const hostBits = width - BigInt(prefix);
  return { family: address.family, bits: (address.bits >> hostBits) << hostBits };
}

/** Whether `address` lies in the range of `network`/`prefix` (same family only). */
export function inPrefix(network: IpAddress, prefix: number, address: IpAddress): boolean {
  return network.family === address.family && maskIp(network, prefix).bits === maskIp(address, prefix).bits;
}
