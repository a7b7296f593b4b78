import {
  EVENT_ALIAS,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  getScalarValue,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_SINGLE_QUOTED,
} from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { FieldPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
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
  let start = nodeStart(events[node]);
  for (const segment of path) {
    const found = child(events, node, segment, document.text);
    if (found === undefined) break;
    node = found.value;
    start = found.start;
  }
  const end = nodeEnd(events, node);
  const from = lineColumn(document.source, document.offset + Math.max(start, 0));
  const to = lineColumn(document.source, document.offset + Math.max(end, start, 0));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

function child(
  events: readonly Event[],
  node: number,
  segment: string | number,
  text: string,
): { value: number; start: number } | undefined {
  const event = events[node];
  if (event?.type === EVENT_MAPPING && typeof segment === 'string') {
    for (let key = node + 1; events[key] !== undefined && events[key]?.type !== EVENT_POP; ) {
      const keyEvent = events[key];
      const value = skip(events, key);
      if (keyEvent?.type === EVENT_SCALAR && getScalarValue(text, keyEvent) === segment) {
        return { value, start: nodeStart(keyEvent) };
      }
      key = skip(events, value);
    }
  }
  if (event?.type === EVENT_SEQUENCE && typeof segment === 'number') {
    let item = node + 1;
    for (let i = 0; i < segment && events[item]?.type !== EVENT_POP; i++) item = skip(events, item);
    if (events[item] !== undefined && events[item]?.type !== EVENT_POP) {
      return { value: item, start: nodeStart(events[item]) };
    }
  }
  return undefined;
}

/** Index just past the node starting at `index` (its whole subtree). */
function skip(events: readonly Event[], index: number): number {
  const type = events[index]?.type;
  if (type !== EVENT_MAPPING && type !== EVENT_SEQUENCE) return index + 1;
  let depth = 0;
  for (let i = index; i < events.length; i++) {
    const t = events[i]?.type;
    if (t === EVENT_MAPPING || t === EVENT_SEQUENCE) depth++;
    else if (t === EVENT_POP && --depth === 0) return i + 1;
  }
  return events.length;
}

function nodeStart(event: Event | undefined): number {
  if (event === undefined) return 0;
  switch (event.type) {
    case EVENT_SCALAR:
      return firstSet(event.anchorStart, event.tagStart, event.valueStart - (isQuoted(event) ? 1 : 0));
    case EVENT_MAPPING:
    case EVENT_SEQUENCE:
      return firstSet(event.anchorStart, event.tagStart, event.start);
    case EVENT_ALIAS:
      return event.anchorStart - 1;
    default:
      return 0;
  }
}

function firstSet(...offsets: number[]): number {
  const set = offsets.filter((offset) => offset >= 0);
  return set.length === 0 ? 0 : Math.min(...set);
}

/** End offset of a node: a scalar's value end, or the end of the last scalar inside a collection. */
function nodeEnd(events: readonly Event[], index: number): number {
  const last = skip(events, index);
  for (let i = last - 1; i >= index; i--) {
    const event = events[i];
    if (event?.type === EVENT_SCALAR) return event.valueEnd + (isQuoted(event) ? 1 : 0);
  }
  return nodeStart(events[index]);
}

function isQuoted(event: ScalarEvent): boolean {
  return event.style === SCALAR_STYLE_DOUBLE_QUOTED || event.style === SCALAR_STYLE_SINGLE_QUOTED;
}
