import type { FieldPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
import type { CompactEvents } from './compact-events.ts';
import { EVENT_ID } from 'js-yaml';
import { endAt, eventCount, scalarAt, startAt, typeAt } from './compact-events.ts';
import { lineColumn } from './lines.ts';
import type { DocumentEvents } from './source.ts';

/**
 * Finds where a field path sits in a document, from the parser's events (no second parse).
 * A map entry is located from its key to the end of its value, a list item from its start.
 * When the path leaves the document (the finding is about a missing field) or passes through an
 * alias or merge key, the deepest node that exists is returned instead.
 */
export function locate(document: DocumentEvents, path: FieldPath): Position {
  const events = document.events();
  let node = document.start + 1;
  let start = startAt(events, node);
  for (const segment of path) {
    const found = child(events, node, segment, document.text);
    if (found === undefined) break;
    node = found.value;
    start = found.start;
  }
  const end = Math.max(nodeEnd(events, node), start);
  const from = lineColumn(document.source, document.offset + start);
  const to = lineColumn(document.source, document.offset + end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

function child(
  events: CompactEvents,
  node: number,
  segment: string | number,
  text: string,
): { value: number; start: number } | undefined {
  const type = typeAt(events, node);
  if (type === EVENT_ID.MAPPING && typeof segment === 'string') {
    for (let key = node + 1; key < eventCount(events) && typeAt(events, key) !== EVENT_ID.POP;) {
      const value = skip(events, key);
      if (typeAt(events, key) === EVENT_ID.SCALAR && scalarAt(events, key, text) === segment) {
        return { value, start: startAt(events, key) };
      }
      key = skip(events, value);
    }
  }
  if (type === EVENT_ID.SEQUENCE && typeof segment === 'number') {
    let item = node + 1;
    for (let i = 0; i < segment && typeAt(events, item) !== EVENT_ID.POP; i++) item = skip(events, item);
    if (item < eventCount(events) && typeAt(events, item) !== EVENT_ID.POP)
      return { value: item, start: startAt(events, item) };
  }
  return undefined;
}

const subtreeEnds = new WeakMap<CompactEvents, Int32Array>();

/**
 * Index just past the node starting at `index` (its whole subtree). The table of subtree ends is
 * built once per document stream, on the first lookup, so locating many findings stays linear.
 */
function skip(events: CompactEvents, index: number): number {
  let ends = subtreeEnds.get(events);
  if (!ends) {
    ends = new Int32Array(eventCount(events)).fill(eventCount(events));
    const open: number[] = [];
    for (let i = 0; i < ends.length; i++) {
      const type = typeAt(events, i);
      if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE || type === EVENT_ID.DOCUMENT) open.push(i);
      else if (type === EVENT_ID.POP) {
        const start = open.pop();
        if (start !== undefined) ends[start] = i + 1;
        ends[i] = i + 1;
      } else ends[i] = i + 1;
    }
    subtreeEnds.set(events, ends);
  }
  return ends[index] ?? eventCount(events);
}

/** End offset of a node: a scalar's value end, or the end of the last scalar inside a collection. */
function nodeEnd(events: CompactEvents, index: number): number {
  const last = skip(events, index);
  for (let i = last - 1; i >= index; i--) if (typeAt(events, i) === EVENT_ID.SCALAR) return endAt(events, i);
  return startAt(events, index);
}
