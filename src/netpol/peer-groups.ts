/** Pod classes that no rule tells apart, numbered densely. */
export interface PeerGroups {
  /** `groups[podClass]`: the class's group, in 0 … count − 1. */
  readonly groups: Int32Array;
  readonly count: number;
}

/**
 * Splits the pod classes into groups whose members are in exactly the same class sets and have the
 * same key (such as their named ports): as a peer, any member of a group gets the answer of every
 * other, so a matrix row or column needs one verdict per group. Cost: classes × distinct sets.
 */
export function peerGroups(sets: Iterable<Uint8Array>, keys: ArrayLike<number>): PeerGroups {
  const n = keys.length;
  const groups = new Int32Array(n);
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = keys[i] ?? 0;
    let id = first.get(key);
    if (id === undefined) first.set(key, (id = first.size));
    groups[i] = id;
  }
  let count = first.size;
  const seen = new Set<Uint8Array>();
  const split = new Map<number, number>();
  for (const set of sets) {
    if (seen.has(set)) continue;
    seen.add(set);
    split.clear();
    for (let i = 0; i < n; i++) {
      if (set[i] !== 1) continue;
      const old = groups[i] ?? 0;
      let id = split.get(old);
      if (id === undefined) split.set(old, (id = count++));
      groups[i] = id;
    }
  }
  const dense = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const old = groups[i] ?? 0;
    let id = dense.get(old);
    if (id === undefined) dense.set(old, (id = dense.size));
    groups[i] = id;
  }
  return { groups, count: dense.size };
}
