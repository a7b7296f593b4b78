import type { Connection, ConnectionList } from './connections.ts';
import type { IpRange } from './ip.ts';
import { formatRange, parseRange } from './ip.ts';
import { formatPorts, parsePorts, subtractPorts } from './ports.ts';

/** A pair connected on both sides, on different ports. */
export interface ChangedConnection {
  readonly source: string;
  readonly destination: string;
  /** The ports before, as {@link Connection.ports}. */
  readonly before: string;
  /** The ports after. */
  readonly after: string;
  /** The ports after allows and before did not (`none` when the ports only narrowed): new access. */
  readonly widened: string;
}

/** What changed between the connections of two manifest sets. */
export interface ConnectionDiff {
  /** Pairs connected after and not before: new connections. */
  readonly added: readonly Connection[];
  /** Pairs connected before and not after. */
  readonly removed: readonly Connection[];
  readonly changed: readonly ChangedConnection[];
  /** How many pairs are connected on the same ports on both sides. */
  readonly unchanged: number;
}

/** Whether AFTER allows something BEFORE did not: a new pair, or a pair on more ports. */
export function hasNewAccess(diff: ConnectionDiff): boolean {
  return diff.added.length > 0 || diff.changed.some((change) => change.widened !== 'none');
}

function widenedPorts(before: string, after: string): string {
  const earlier = parsePorts(before);
  const later = parsePorts(after);
  if (!earlier || !later) return after;
  return formatPorts(subtractPorts(later, earlier));
}

const keyOf = (connection: Connection): string => `${connection.source}\u0000${connection.destination}`;

function compare(
  a: { source: string; destination: string },
  b: { source: string; destination: string },
): number {
  return a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination);
}

/** One end of an address connection: the workload, the direction, and the range with its ports. */
interface AddressSide {
  readonly workload: string;
  readonly inbound: boolean;
  readonly range: IpRange;
  readonly ports: string;
}

function addressSide(connection: Connection): AddressSide | undefined {
  const source = parseRange(connection.source);
  if (source)
    return { workload: connection.destination, inbound: true, range: source, ports: connection.ports };
  const destination = parseRange(connection.destination);
  return (
    destination && {
      workload: connection.source,
      inbound: false,
      range: destination,
      ports: connection.ports,
    }
  );
}

interface Piece {
  readonly range: IpRange;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** Splits both sides' ranges at every boundary of either, pairs the answers, and merges equal neighbours. */
function pieces(before: readonly AddressSide[], after: readonly AddressSide[]): Piece[] {
  const out: Piece[] = [];
  for (const family of [4, 6] as const) {
    const earlier = before.filter((side) => side.range.family === family);
    const later = after.filter((side) => side.range.family === family);
    const cuts = new Set<bigint>();
    for (const { range } of [...earlier, ...later]) {
      cuts.add(range.first);
      cuts.add(range.last + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const at = (sides: readonly AddressSide[], address: bigint): string | undefined =>
      sides.find((side) => side.range.first <= address && address <= side.range.last)?.ports;
    for (let i = 0; i + 1 < sorted.length; i++) {
      const first = sorted[i] as bigint;
      const last = (sorted[i + 1] as bigint) - 1n;
      const piece = { before: at(earlier, first), after: at(later, first) };
      if (piece.before === undefined && piece.after === undefined) continue;
      const previous = out[out.length - 1];
      if (
        previous &&
        previous.range.family === family &&
        previous.range.last + 1n === first &&
        previous.before === piece.before &&
        previous.after === piece.after
      )
        out[out.length - 1] = { ...previous, range: { ...previous.range, last } };
      else out.push({ range: { family, first, last }, ...piece });
    }
  }
  return out;
}

/**
 * Compares two connection lists pair by pair (source, destination): a pair on one side only is added
 * or removed, a pair on both with other ports is changed (and `widened` when AFTER allows ports BEFORE
 * did not). Address ranges are compared by the addresses they cover, not by their text: a range split
 * differently on the two sides (10.0.0.0/24 against 10.0.0.0/25 and 10.0.0.128/25) is unchanged where
 * the ports are. The result is sorted by source, then destination.
 */
export function diffConnections(before: ConnectionList, after: ConnectionList): ConnectionDiff {
  const added: Connection[] = [];
  const removed: Connection[] = [];
  const changed: ChangedConnection[] = [];
  let unchanged = 0;
  const addresses = new Map<string, { before: AddressSide[]; after: AddressSide[] }>();
  const pairs = (list: ConnectionList, which: 'before' | 'after'): Map<string, Connection> => {
    const map = new Map<string, Connection>();
    for (const connection of list.connections) {
      const side = addressSide(connection);
      if (!side) {
        map.set(keyOf(connection), connection);
        continue;
      }
      const key = `${side.workload}\u0000${String(side.inbound)}`;
      let entry = addresses.get(key);
      if (!entry) addresses.set(key, (entry = { before: [], after: [] }));
      entry[which].push(side);
    }
    return map;
  };
  const earlier = pairs(before, 'before');
  const later = pairs(after, 'after');
  const change = (source: string, destination: string, from: string, to: string): void => {
    if (from === to) unchanged++;
    else changed.push({ source, destination, before: from, after: to, widened: widenedPorts(from, to) });
  };
  for (const [key, connection] of later) {
    const previous = earlier.get(key);
    if (previous === undefined) added.push(connection);
    else change(connection.source, connection.destination, previous.ports, connection.ports);
  }
  for (const [key, connection] of earlier) if (!later.has(key)) removed.push(connection);
  for (const [key, sides] of addresses) {
    const [workload = '', inbound] = key.split('\u0000');
    for (const piece of pieces(sides.before, sides.after)) {
      const range = formatRange(piece.range);
      const [source, destination] = inbound === 'true' ? [range, workload] : [workload, range];
      if (piece.before === undefined) added.push({ source, destination, ports: piece.after ?? '' });
      else if (piece.after === undefined) removed.push({ source, destination, ports: piece.before });
      else change(source, destination, piece.before, piece.after);
    }
  }
  return {
    added: added.sort(compare),
    removed: removed.sort(compare),
    changed: changed.sort(compare),
    unchanged,
  };
}
