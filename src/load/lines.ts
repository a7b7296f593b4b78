import type { Source } from './source.ts';

const lineStartsBySource = new WeakMap<Source, Int32Array>();

/**
 * Converts a 0-based character offset in a source to a 1-based line and column. Line starts are computed
 * once per source, on first use, straight into a typed array (counted first, then filled), and searched
 * by bisection.
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
  const { text } = source;
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  for (let i = text.indexOf('\n'), line = 1; i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  lineStartsBySource.set(source, starts);
  return starts;
}
