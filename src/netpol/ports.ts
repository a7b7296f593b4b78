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

function normalize(ranges: readonly PortRange[]): readonly PortRange[] {
  if (ranges.length <= 1) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

const isFull = (ranges: readonly PortRange[]): boolean =>
  ranges.length === 1 && ranges[0]?.[0] === 1 && ranges[0][1] === MAX_PORT;

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a === b || isFull(b)) return a;
  if (isFull(a)) return b;
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

/** The ranges of one protocol in every set, merged; the one list itself when only one set has any. */
function unionRanges(sets: readonly PortSet[], protocol: Protocol): readonly PortRange[] {
  let only: readonly PortRange[] | undefined;
  let many = false;
  for (const set of sets) {
    const ranges = set[protocol];
    if (ranges.length === 0 || ranges === only) continue;
    if (isFull(ranges)) return ranges;
    if (only) many = true;
    else only = ranges;
  }
  if (!only) return NO_PORTS[protocol];
  return many ? normalize(sets.flatMap((set) => set[protocol])) : only;
}

/** The union of port sets: {@link NO_PORTS} for none. */
export function unionPorts(sets: readonly PortSet[]): PortSet {
  if (sets.length === 0) return NO_PORTS;
  if (sets.length === 1 && sets[0]) return sets[0];
  return settled(unionRanges(sets, 'TCP'), unionRanges(sets, 'UDP'), unionRanges(sets, 'SCTP'));
}

/** The ports in both sets. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (a === b || b === ALL_PORTS) return a;
  if (a === ALL_PORTS) return b;
  return settled(
    intersectRanges(a.TCP, b.TCP),
    intersectRanges(a.UDP, b.UDP),
    intersectRanges(a.SCTP, b.SCTP),
  );
}

/** A set of these ranges: {@link NO_PORTS} or {@link ALL_PORTS} themselves when it is either. */
function settled(TCP: readonly PortRange[], UDP: readonly PortRange[], SCTP: readonly PortRange[]): PortSet {
  if (TCP.length === 0 && UDP.length === 0 && SCTP.length === 0) return NO_PORTS;
  if (isFull(TCP) && isFull(UDP) && isFull(SCTP)) return ALL_PORTS;
  return { TCP, UDP, SCTP };
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
  if (set === ALL_PORTS || PROTOCOLS.every((protocol) => isFull(set[protocol]))) return 'all';
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = set[protocol];
    if (ranges.length === 0) continue;
    const text = isFull(ranges)
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

function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (b.length === 0) return a;
  if (a === b || isFull(b)) return NO_PORTS.TCP;
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
  if (b === NO_PORTS) return a;
  if (a === b || b === ALL_PORTS) return NO_PORTS;
  return settled(subtractRanges(a.TCP, b.TCP), subtractRanges(a.UDP, b.UDP), subtractRanges(a.SCTP, b.SCTP));
}
