/** The protocols NetworkPolicy defines; anything else (ICMP, ...) is left to the plugin. */
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** One of {@link PROTOCOLS}. */
export type Protocol = (typeof PROTOCOLS)[number];

/** An inclusive port range `[first, last]` inside 1..65535. */
export type PortRange = readonly [number, number];

/** Ports per protocol as sorted, disjoint, non-adjacent ranges. */
export type PortSet = Readonly<Record<Protocol, readonly PortRange[]>>;

/** The highest port number. */
export const MAX_PORT = 65535;

/** No port of any protocol. */
export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };

/** Every port of every protocol (a rule without `ports`). */
export const ALL_PORTS: PortSet = { TCP: [[1, MAX_PORT]], UDP: [[1, MAX_PORT]], SCTP: [[1, MAX_PORT]] };

/** True for TCP, UDP and SCTP. */
export function isProtocol(value: unknown): value is Protocol {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value);
}

/** A set holding one range of one protocol. */
export function portRange(protocol: Protocol, first: number, last: number): PortSet {
  return { ...NO_PORTS, [protocol]: first <= last ? [[first, last]] : [] };
}

function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as PortRange;
    const y = b[j] as PortRange;
    const first = Math.max(x[0], y[0]);
    const last = Math.min(x[1], y[1]);
    if (first <= last) out.push([first, last]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

/** The union of port sets: {@link NO_PORTS} for none. */
export function unionPorts(sets: readonly PortSet[]): PortSet {
  if (sets.length === 0) return NO_PORTS;
  if (sets.length === 1 && sets[0]) return sets[0];
  return {
    TCP: normalize(sets.flatMap((set) => set.TCP)),
    UDP: normalize(sets.flatMap((set) => set.UDP)),
    SCTP: normalize(sets.flatMap((set) => set.SCTP)),
  };
}

/** The ports in both sets. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  return {
    TCP: intersectRanges(a.TCP, b.TCP),
    UDP: intersectRanges(a.UDP, b.UDP),
    SCTP: intersectRanges(a.SCTP, b.SCTP),
  };
}

/** True when no port of any protocol is in the set. */
export function isEmptyPorts(set: PortSet): boolean {
  return set.TCP.length === 0 && set.UDP.length === 0 && set.SCTP.length === 0;
}

/** Whether `port` of `protocol` is in the set. */
export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([first, last]) => port >= first && port <= last);
}

/**
 * A short stable text: `all`, `none`, or `TCP:80,8000-8080 UDP:53` (protocols with every port
 * print as `TCP:*`). Equal sets give equal text, so it doubles as a key.
 */
export function formatPorts(set: PortSet): string {
  if (isEmptyPorts(set)) return 'none';
  const all = PROTOCOLS.every(
    (p) => set[p].length === 1 && set[p][0]?.[0] === 1 && set[p][0][1] === MAX_PORT,
  );
  if (all) return 'all';
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = set[protocol];
    if (ranges.length === 0) continue;
    const text =
      ranges.length === 1 && ranges[0]?.[0] === 1 && ranges[0][1] === MAX_PORT
        ? '*'
        : ranges.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`)).join(',');
    parts.push(`${protocol}:${text}`);
  }
  return parts.join(' ');
}

/** Reads {@link formatPorts}'s text back; undefined when it is not such a text. */
export function parsePorts(text: string): PortSet | undefined {
  if (text === 'all') return ALL_PORTS;
  if (text === 'none') return NO_PORTS;
  const set: Record<Protocol, PortRange[]> = { TCP: [], UDP: [], SCTP: [] };
  for (const part of text.split(' ')) {
    const match = /^(TCP|UDP|SCTP):(\*|\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*)$/.exec(part);
    if (!match) return undefined;
    const protocol = match[1] as Protocol;
    const list = match[2] ?? '';
    if (list === '*') set[protocol].push([1, MAX_PORT]);
    else
      for (const item of list.split(',')) {
        const [first = 0, last = first] = item.split('-').map(Number);
        set[protocol].push([first, last]);
      }
  }
  return { TCP: normalize(set.TCP), UDP: normalize(set.UDP), SCTP: normalize(set.SCTP) };
}

function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const [first, last] of a) {
    let start = first;
    for (const [cutFirst, cutLast] of b) {
      if (cutLast < start || cutFirst > last) continue;
      if (cutFirst > start) out.push([start, cutFirst - 1]);
      start = Math.max(start, cutLast + 1);
      if (start > last) break;
    }
    if (start <= last) out.push([start, last]);
  }
  return out;
}

/** The ports of `a` that are not in `b`. */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  return {
    TCP: subtractRanges(a.TCP, b.TCP),
    UDP: subtractRanges(a.UDP, b.UDP),
    SCTP: subtractRanges(a.SCTP, b.SCTP),
  };
}
