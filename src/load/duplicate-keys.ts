import { EVENT_ID, getScalarValue, SCALAR_STYLE } from './js-yaml.ts';
import type { Event, ScalarEvent, Schema } from 'js-yaml';
import { MERGE, plainResolverFor } from './construct.ts';

const NO_RANGE = -1;

/** A key written twice in one mapping: offsets (in the parsed text) of both occurrences. */
export interface DuplicateKey {
  readonly key: string;
  /** Where the second occurrence starts (its anchor, tag or opening quote included). */
  readonly position: number;
  /** Where the first occurrence starts. */
  readonly firstPosition: number;
}

/**
 * A mapping that repeats a key: the document cannot be used, as go-yaml's strict decoding and
 * kubectl's client-side validation reject it (`mapping key "x" already defined at line N`).
 */
export class DuplicateKeyError extends Error {
  readonly duplicate: DuplicateKey;

  constructor(duplicate: DuplicateKey) {
    super(`mapping key ${JSON.stringify(duplicate.key)} already defined`);
    this.name = 'DuplicateKeyError';
    this.duplicate = duplicate;
  }
}

interface Frame {
  /** Keys seen so far, for a mapping; undefined for a sequence or document. */
  readonly keys: Map<string, number> | undefined;
  expectsKey: boolean;
}

/**
 * The first key repeated within one mapping of an event stream, comparing keys as the constructor
 * stores them (the schema's value as a string, so `1` and `"1"` collide). Merge keys (`<<`) are not
 * duplicates, nor are the keys they bring in. Keys that are collections, aliases or tagged scalars
 * are left to the constructor.
 */
export function findDuplicateKey(
  events: readonly Event[],
  text: string,
  schema: Schema,
): DuplicateKey | undefined {
  const resolve = plainResolverFor(schema);
  const frames: Frame[] = [];
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      frames.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      frames.push({ keys: undefined, expectsKey: false });
      continue;
    }
    const parent = frames[frames.length - 1];
    if (parent?.keys !== undefined) {
      if (parent.expectsKey && event.type === EVENT_ID.SCALAR) {
        const duplicate = record(parent.keys, event, text, resolve);
        if (duplicate) return duplicate;
      }
      parent.expectsKey = !parent.expectsKey;
    }
    if (event.type === EVENT_ID.MAPPING) frames.push({ keys: new Map(), expectsKey: true });
    else if (event.type === EVENT_ID.SEQUENCE) frames.push({ keys: undefined, expectsKey: false });
  }
  return undefined;
}

function record(
  keys: Map<string, number>,
  event: ScalarEvent,
  text: string,
  resolve: (source: string) => unknown,
): DuplicateKey | undefined {
  if (event.tagStart !== NO_RANGE) return undefined;
  const source = getScalarValue(text, event);
  const value = event.style === SCALAR_STYLE.PLAIN ? resolve(source) : source;
  if (value === MERGE) return undefined;
  const key = String(value);
  const position = keyStart(event);
  const firstPosition = keys.get(key);
  if (firstPosition !== undefined) return { key, position, firstPosition };
  keys.set(key, position);
  return undefined;
}

function keyStart(event: ScalarEvent): number {
  const quoted = event.style === SCALAR_STYLE.DOUBLE_QUOTED || event.style === SCALAR_STYLE.SINGLE_QUOTED;
  const value = event.valueStart - (quoted ? 1 : 0);
  return event.anchorStart !== NO_RANGE && event.anchorStart < value ? event.anchorStart : value;
}
