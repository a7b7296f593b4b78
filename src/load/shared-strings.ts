/** Longest string {@link shared} keeps one copy of; longer values repeat rarely. */
const MAX_SHARED_LENGTH = 32;
/** Strings remembered before the pool starts over, so that it stays small whatever the input. */
const MAX_SHARED_COUNT = 16_384;

let pool = new Map<string, string>();

/**
 * One copy of a short string the parser met before (`TCP`, `ClusterIP`, a namespace, a label value):
 * a manifest repeats few distinct short values thousands of times, and each copy kept alive would be
 * one more object for the garbage collector to move and hold. Strings are immutable, so sharing them
 * changes no result.
 */
export function shared(value: string): string {
  if (value.length > MAX_SHARED_LENGTH) return value;
  const known = pool.get(value);
  if (known !== undefined) return known;
  if (pool.size >= MAX_SHARED_COUNT) pool = new Map();
  pool.set(value, value);
  return value;
}
