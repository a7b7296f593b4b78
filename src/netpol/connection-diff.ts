import type { Connection, ConnectionList } from './connections.ts';

/** A pair connected on both sides, on different ports. */
export interface ChangedConnection {
  readonly source: string;
  readonly destination: string;
  /** The ports before, as {@link Connection.ports}. */
  readonly before: string;
  /** The ports after. */
  readonly after: string;
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

const keyOf = (connection: Connection): string => `${connection.source}\u0000${connection.destination}`;

/**
 * Compares two connection lists pair by pair (source, destination): a pair on one side only is added
 * or removed, a pair on both with other ports is changed. Each list keeps its order (source, then
 * destination), so the result is sorted the same way.
 */
export function diffConnections(before: ConnectionList, after: ConnectionList): ConnectionDiff {
  const earlier = new Map(before.connections.map((connection) => [keyOf(connection), connection]));
  const later = new Set(after.connections.map(keyOf));
  const added: Connection[] = [];
  const changed: ChangedConnection[] = [];
  let unchanged = 0;
  for (const connection of after.connections) {
    const previous = earlier.get(keyOf(connection));
    if (previous === undefined) added.push(connection);
    else if (previous.ports !== connection.ports)
      changed.push({
        source: connection.source,
        destination: connection.destination,
        before: previous.ports,
        after: connection.ports,
      });
    else unchanged++;
  }
  const removed = before.connections.filter((connection) => !later.has(keyOf(connection)));
  return { added, removed, changed, unchanged };
}
