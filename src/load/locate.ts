import type { FieldPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
import type { CompactEvents } from './compact-events.ts';
import { EVENT_ID } from 'js-yaml';
import { endAt, eventCount, scalarEquals, startAt, typeAt } from './compact-events.ts';
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
  const ends = subtreeEnds(events);
  let node = document.start + 1;
  let start = startAt(events, node);
  for (const segment of path) {
    const entry = child(events, ends, node, segment, document.text);
    if (entry === -1) break;
    start = startAt(events, entry);
    node = typeof segment === 'string' ? end(ends, entry) : entry;
  }
  const last = Math.max(nodeEnd(events, ends, node), start);
  const from = lineColumn(document.source, document.offset + start);
  const to = lineColumn(document.source, document.offset + last);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** The key event of a mapping entry or the item event of a sequence entry named by `segment`; -1 if none. */
function child(
  events: CompactEvents,
  ends: Int32Array,
  node: number,
  segment: string | number,
  text: string,
): number {
  const type = typeAt(events, node);
  if (type === EVENT_ID.MAPPING && typeof segment === 'string') {
    for (let key = node + 1; key < ends.length && typeAt(events, key) !== EVENT_ID.POP;) {
      const value = end(ends, key);
      if (typeAt(events, key) === EVENT_ID.SCALAR && scalarEquals(events, key, text, segment)) return key;
      key = end(ends, value);
    }
  }
  if (type === EVENT_ID.SEQUENCE && typeof segment === 'number') {
    let item = node + 1;
    for (let i = 0; i < segment && typeAt(events, item) !== EVENT_ID.POP; i++) item = end(ends, item);
    if (item < ends.length && typeAt(events, item) !== EVENT_ID.POP) return item;
  }
  return -1;
}

const subtreeEndsByEvents = new WeakMap<CompactEvents, Int32Array>();

/**
 * Index just past each node's whole subtree, built once per document stream on the first lookup,
 * so locating many findings stays linear.
 */
function subtreeEnds(events: CompactEvents): Int32Array {
  const cached = subtreeEndsByEvents.get(events);
  if (cached) return cached;
  const ends = new Int32Array(eventCount(events)).fill(eventCount(events));
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
  subtreeEndsByEvents.set(events, ends);
  return ends;
}

function end(ends: Int32Array, index: number): number {
  return ends[index] ?? ends.length;
}

/** End offset of a node: a scalar's value end, or the end of the last scalar inside a collection. */
function nodeEnd(events: CompactEvents, ends: Int32Array, index: number): number {
  for (let i = end(ends, index) - 1; i >= index; i--)
    if (typeAt(events, i) === EVENT_ID.SCALAR) return endAt(events, i);
  return startAt(events, index);
}
