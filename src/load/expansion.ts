import { isRecord } from '../model/path.ts';

/**
 * Counts the nodes a document would have if every alias were copied out, without copying: shared
 * subtrees are counted once and multiplied. Stops as soon as the count passes `limit`.
 * Returns true when the document stays within the limit.
 */
export function withinExpansionLimit(document: unknown, limit: number): boolean {
  const sizes = new Map<object, number>();
  const size = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, Infinity);
    let total = 1;
    const children = Array.isArray(node) ? (node as unknown[]) : isRecord(node) ? Object.values(node) : [];
    for (const child of children) {
      total += size(child);
      if (total > limit) break;
    }
    sizes.set(node, total);
    return total;
  };
  return size(document) <= limit;
}
