import type { FieldPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
import type { CompactEvents } from './compact-events.ts';
import { EVENT_ID } from './js-yaml.ts';
import { afterAt, endAt, eventCount, scalarEquals, startAt, typeAt } from './compact-events.ts';
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
    const entry = child(events, node, segment, document.text);
    if (entry === -1) break;
    start = startAt(events, entry);
    node = typeof segment === 'string' ? afterAt(events, entry) : entry;
  }
  const last = Math.max(nodeEnd(events, node), start);
  const from = lineColumn(document.source, document.offset + start);
  const to = lineColumn(document.source, document.offset + last);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** The key event of a mapping entry or the item event of a sequence entry named by `segment`; -1 if none. */
function child(events: CompactEvents, node: number, segment: string | number, text: string): number {
  const type = typeAt(events, node);
  if (type === EVENT_ID.MAPPING && typeof segment === 'string') {
    for (let key = node + 1; key < eventCount(events) && typeAt(events, key) !== EVENT_ID.POP;) {
      if (typeAt(events, key) === EVENT_ID.SCALAR && scalarEquals(events, key, text, segment)) return key;
      key = afterAt(events, afterAt(events, key));
    }
  }
  if (type === EVENT_ID.SEQUENCE && typeof segment === 'number') {
    if (segment >= INDEXED_FROM) return itemsOf(events, node)[segment] ?? -1;
    let item = node + 1;
    for (let i = 0; i < segment && typeAt(events, item) !== EVENT_ID.POP; i++) item = afterAt(events, item);
    if (item < eventCount(events) && typeAt(events, item) !== EVENT_ID.POP) return item;
  }
  return -1;
}

/** Item position from which a sequence's items are found through an index, not by walking them. */
const INDEXED_FROM = 64;

/** The item events of the long sequences located in, by their SEQUENCE event (a List's `items`). */
const itemIndexes = new WeakMap<CompactEvents, Map<number, readonly number[]>>();

/**
 * The item events of the sequence at `node`, found once: locating every item of a List of n items by
 * walking would take n²/2 steps.
 */
function itemsOf(events: CompactEvents, node: number): readonly number[] {
  let bySequence = itemIndexes.get(events);
  if (bySequence === undefined) {
    bySequence = new Map();
    itemIndexes.set(events, bySequence);
  }
  let items = bySequence.get(node);
  if (items === undefined) {
    const found: number[] = [];
    for (let item = node + 1; item < eventCount(events) && typeAt(events, item) !== EVENT_ID.POP;) {
      found.push(item);
      item = afterAt(events, item);
    }
    items = found;
    bySequence.set(node, items);
  }
  return items;
}

/** End offset of a node: a scalar's value end, or the end of the last scalar inside a collection. */
function nodeEnd(events: CompactEvents, index: number): number {
  for (let i = afterAt(events, index) - 1; i >= index; i--)
    if (typeAt(events, i) === EVENT_ID.SCALAR) return endAt(events, i);
  return startAt(events, index);
}
