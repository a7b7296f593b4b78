import type { Source } from './source.ts';

const lineStartsBySource = new WeakMap<Source, Int32Array>();

/**
 * Converts a 0-based character offset in a source to a 1-based line and column. Line starts are computed
 * once per source, on first use, and searched by bisection.
 */
export function lineColumn(source: Source, offset: number): { line: number; column: number } {
  const starts = lineStarts(source);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

function lineStarts(source: Source): Int32Array {
  const cached = lineStartsBySource.get(source);
  if (cached) return cached;
  const starts = [0];
  const { text } = source;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const array = Int32Array.from(starts);
  lineStartsBySource.set(source, array);
  return array;
}
