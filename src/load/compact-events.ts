import { EVENT_ID, getScalarValue, SCALAR_STYLE } from './js-yaml.ts';
import type { ChompingMode, Event, MappingEvent, ScalarEvent, ScalarStyle, SequenceEvent } from 'js-yaml';

/** Int32 slots per event in a {@link CompactEvents} array. */
const STRIDE = 4;
/** The event type (bits 0-2); for a scalar also its style (3-5), chomping (6-7), `fast` (8) and indent (9-30). */
const KIND = 0;
const START = 1;
/** A scalar's or alias's end offset; for a mapping, sequence or document, the index past its subtree. */
const END = 2;
const VALUE_START = 3;

const TYPE_MASK = 0b111;
const STYLE_SHIFT = 3;
const CHOMPING_SHIFT = 6;
const FAST_BIT = 1 << 8;
const INDENT_SHIFT = 9;
/** The largest indent a packed scalar keeps; a block scalar indented further is packed without a style. */
const MAX_INDENT = (1 << 22) - 1;

/**
 * The parser's events squeezed into one Int32Array (four numbers an event): what locating a field
 * needs, and no more. Keeping the event objects of a large input alive costs more in garbage
 * collection than parsing it again; a typed array costs nothing.
 */
export type CompactEvents = Int32Array;

/** A stream's events packed, with what the loader needs to know of its documents. */
export interface CompactStream {
  readonly events: CompactEvents;
  /** Index of each DOCUMENT event. */
  readonly documentStarts: readonly number[];
  readonly hasAliases: boolean;
}

/** Packs events; a node's start includes its anchor and tag, and quotes belong to a scalar. */
export function compactEvents(events: readonly Event[]): CompactEvents {
  return compactStream(events).events;
}

/** {@link compactEvents}, noting in the same pass where documents start and whether aliases occur. */
export function compactStream(events: readonly Event[]): CompactStream {
  const packed = compactEventsFor(events.length);
  const documentStarts: number[] = [];
  const open: number[] = [];
  let hasAliases = false;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === undefined) continue;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        packScalar(packed, i, event);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        packCollection(packed, i, event);
        open.push(i);
        break;
      case EVENT_ID.POP:
        packPop(packed, i, open.pop() ?? i);
        break;
      case EVENT_ID.ALIAS:
        hasAliases = true;
        packed[i * STRIDE + KIND] = event.type;
        packed[i * STRIDE + START] = event.anchorStart - 1;
        packed[i * STRIDE + END] = event.anchorEnd;
        break;
      case EVENT_ID.DOCUMENT:
        documentStarts.push(i);
        open.push(i);
        packDocument(packed, i);
    }
  }
  for (const opener of open) packed[opener * STRIDE + END] = events.length;
  return { events: packed, documentStarts, hasAliases };
}

/** Room for `count` packed events. */
export function compactEventsFor(count: number): CompactEvents {
  return new Int32Array(count * STRIDE);
}

/** Packs the scalar event at `index`. */
export function packScalar(packed: CompactEvents, index: number, event: ScalarEvent): void {
  const at = index * STRIDE;
  const quoted =
    event.style === SCALAR_STYLE.DOUBLE_QUOTED || event.style === SCALAR_STYLE.SINGLE_QUOTED ? 1 : 0;
  const style = event.indent <= MAX_INDENT ? event.style : 0;
  packed[at + KIND] =
    EVENT_ID.SCALAR |
    (style << STYLE_SHIFT) |
    (event.chomping << CHOMPING_SHIFT) |
    (event.fast ? FAST_BIT : 0) |
    (Math.max(0, Math.min(event.indent, MAX_INDENT)) << INDENT_SHIFT);
  packed[at + START] = earliest(event.anchorStart, event.tagStart, event.valueStart - quoted);
  packed[at + END] = event.valueEnd + quoted;
  packed[at + VALUE_START] = event.valueStart;
}

/** Packs the mapping or sequence event at `index`. */
export function packCollection(
  packed: CompactEvents,
  index: number,
  event: MappingEvent | SequenceEvent,
): void {
  packed[index * STRIDE + KIND] = event.type;
  packed[index * STRIDE + START] = earliest(event.anchorStart, event.tagStart, event.start);
}

/** Packs the DOCUMENT event at `index`. */
export function packDocument(packed: CompactEvents, index: number): void {
  packed[index * STRIDE + KIND] = EVENT_ID.DOCUMENT;
}

/** Packs the POP event at `index` that closes the mapping, sequence or document at `opener`. */
export function packPop(packed: CompactEvents, index: number, opener: number): void {
  packed[index * STRIDE + KIND] = EVENT_ID.POP;
  packed[opener * STRIDE + END] = index + 1;
}

/** The earliest of a node's anchor, tag and value offsets that is set (-1 means unset). */
function earliest(anchor: number, tag: number, value: number): number {
  let result = value;
  if (anchor >= 0 && anchor < result) result = anchor;
  if (tag >= 0 && tag < result) result = tag;
  return result < 0 ? 0 : result;
}

/** Number of events. */
export function eventCount(events: CompactEvents): number {
  return events.length / STRIDE;
}

/** The event type (js-yaml's EVENT_* ids) at `index`, or 0 past the end. */
export function typeAt(events: CompactEvents, index: number): number {
  return (events[index * STRIDE + KIND] ?? 0) & TYPE_MASK;
}

/** Where the node at `index` starts (its anchor or tag included). */
export function startAt(events: CompactEvents, index: number): number {
  return events[index * STRIDE + START] ?? 0;
}

/** Index just past the node at `index` and its whole subtree. */
export function afterAt(events: CompactEvents, index: number): number {
  const type = typeAt(events, index);
  const opens = type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE || type === EVENT_ID.DOCUMENT;
  return opens ? (events[index * STRIDE + END] ?? 0) : index + 1;
}

/** Where the scalar or alias at `index` ends. */
export function endAt(events: CompactEvents, index: number): number {
  return events[index * STRIDE + END] ?? 0;
}

/**
 * Whether the scalar at `index` decodes to `expected` (a map key, typically); plain keys allocate
 * nothing. A block scalar indented past {@link MAX_INDENT} columns matches nothing.
 */
export function scalarEquals(events: CompactEvents, index: number, text: string, expected: string): boolean {
  const at = index * STRIDE;
  const kind = events[at + KIND] ?? 0;
  const styleBits = (kind >> STYLE_SHIFT) & 0b111;
  if (styleBits === 0) return false;
  const style = styleBits as ScalarStyle;
  const fast = (kind & FAST_BIT) !== 0;
  const valueStart = events[at + VALUE_START] ?? 0;
  const quoted = style === SCALAR_STYLE.DOUBLE_QUOTED || style === SCALAR_STYLE.SINGLE_QUOTED;
  const valueEnd = (events[at + END] ?? 0) - (quoted ? 1 : 0);
  if (style === SCALAR_STYLE.PLAIN && fast)
    return valueEnd - valueStart === expected.length && text.startsWith(expected, valueStart);
  const value = getScalarValue(text, {
    type: EVENT_ID.SCALAR,
    valueStart,
    valueEnd,
    anchorStart: -1,
    anchorEnd: -1,
    tagStart: -1,
    tagEnd: -1,
    style,
    chomping: ((kind >> CHOMPING_SHIFT) & 0b11) as ChompingMode,
    indent: kind >>> INDENT_SHIFT,
    fast,
  });
  return value === expected;
}
