import type { IpRange } from './ip.ts';

/** Addresses as sorted, disjoint, non-adjacent ranges (IPv4 first, then IPv6). */
export type RangeSet = readonly IpRange[];

function compare(a: IpRange, b: IpRange): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

/** The union of ranges as a {@link RangeSet}: overlapping and adjacent ranges merged. */
export function rangeSet(ranges: readonly IpRange[]): RangeSet {
  const sorted = [...ranges].sort(compare);
  const out: IpRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === range.family && range.first <= last.last + 1n) {
      if (range.last > last.last) out[out.length - 1] = { ...last, last: range.last };
    } else out.push(range);
  }
  return out;
}

/** The addresses of `set` outside every range of `cut`. */
export function subtractRanges(set: RangeSet, cut: readonly IpRange[]): RangeSet {
  let rest: IpRange[] = [...set];
  for (const hole of cut) {
    const next: IpRange[] = [];
    for (const range of rest) {
      if (range.family !== hole.family || hole.last < range.first || hole.first > range.last) {
        next.push(range);
        continue;
      }
      if (hole.first > range.first) next.push({ ...range, last: hole.first - 1n });
      if (hole.last < range.last) next.push({ ...range, first: hole.last + 1n });
    }
    rest = next;
  }
  return rangeSet(rest);
}

/** Whether every address of `inner` is in `outer`. */
export function rangeSetContains(outer: RangeSet, inner: RangeSet): boolean {
  return subtractRanges(inner, outer).length === 0;
}

/** Whether the sets share an address. */
export function rangeSetsOverlap(a: RangeSet, b: RangeSet): boolean {
  return a.some((x) => b.some((y) => x.family === y.family && x.first <= y.last && y.first <= x.last));
}
