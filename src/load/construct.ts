import { EVENT_ID, getScalarValue, NOT_RESOLVED, SCALAR_STYLE } from './js-yaml.ts';
import type { Event, MappingEvent, Schema, ScalarTagDefinition, SequenceEvent } from 'js-yaml';
import { compactEventsFor, packCollection, packDocument, packPop, packScalar } from './compact-events.ts';
import type { CompactStream } from './compact-events.ts';
import { shared } from './shared-strings.ts';

const MERGE_TAG = 'tag:yaml.org,2002:merge';
/**
 * The room V8 gives an array on its first push. A shorter sequence (most are: containers, ports,
 * rules) is copied to an array of its length, rather than keep the unused room for the whole run.
 */
const GROWN_CAPACITY = 17;
const NO_RANGE = -1;

/** What a plain scalar resolves to when the schema's merge tag takes it (the key `<<`). */
export const MERGE = Symbol('merge');

/** A plain scalar's value as the schema resolves it, or {@link MERGE}. */
export type PlainResolver = (source: string) => unknown;

/**
 * The schema's implicit resolution of plain scalars, from its public tag list: the tags that may
 * match a scalar's first character are tried in schema order; none matching, the scalar is a string.
 */
function plainResolver(schema: Schema): PlainResolver {
  const implicit = schema.tags.filter(
    (tag): tag is ScalarTagDefinition => tag.nodeKind === 'scalar' && tag.implicit,
  );
  const byFirst = new Map<string, readonly ScalarTagDefinition[]>();
  for (const tag of implicit)
    for (const first of tag.implicitFirstChars ?? [])
      byFirst.set(
        first,
        implicit.filter((t) => t.implicitFirstChars === null || t.implicitFirstChars.includes(first)),
      );
  const anyFirst = implicit.filter((tag) => tag.implicitFirstChars === null);
  return (source) => {
    for (const tag of byFirst.get(source.charAt(0)) ?? anyFirst) {
      const value = tag.resolve(source, false, tag.tagName);
      if (value !== NOT_RESOLVED) return tag.tagName === MERGE_TAG ? MERGE : value;
    }
    return source;
  };
}

const resolvers = new WeakMap<Schema, PlainResolver>();

/** The schema's resolution of plain scalars ({@link MERGE} for `<<`), built once per schema. */
export function plainResolverFor(schema: Schema): PlainResolver {
  let resolve = resolvers.get(schema);
  if (!resolve) resolvers.set(schema, (resolve = plainResolver(schema)));
  return resolve;
}

/** Thrown inside {@link constructPlain} when the stream needs what only the full constructor does. */
class NeedsFullConstructor extends Error {}

/** The documents of a stream and its packed events, built in one pass. */
export interface PlainStream {
  readonly values: unknown[];
  readonly stream: CompactStream;
}

/**
 * Builds the documents of an event stream that uses no anchors, aliases, tags, merge keys or
 * collection keys and repeats no key in a mapping, exactly as js-yaml's `constructFromEvents` would:
 * mappings become objects whose keys are the keys' values as strings, sequences arrays, plain
 * scalars what the schema resolves them to, other scalars strings (short keys and string values are
 * {@link shared}). The events are packed on the way.
 * Returns undefined for any other stream; the caller then looks for repeated keys (`findDuplicateKey`)
 * and uses `constructFromEvents` and `compactStream`. Most manifests take this path, which skips the
 * general constructor's bookkeeping and a second walk over the events.
 */
export function constructPlain(
  events: readonly Event[],
  text: string,
  schema: Schema,
): PlainStream | undefined {
  const resolvePlain = plainResolverFor(schema);
  const packed = compactEventsFor(events.length);
  let index = 0;

  /** The value of the scalar just read, packed; a tagged or anchored one needs the full constructor. */
  const scalar = (event: Event): unknown => {
    if (event.type !== EVENT_ID.SCALAR || event.tagStart !== NO_RANGE || event.anchorStart !== NO_RANGE)
      throw new NeedsFullConstructor();
    packScalar(packed, index - 1, event);
    const source = getScalarValue(text, event);
    if (event.style !== SCALAR_STYLE.PLAIN) return source;
    const value = resolvePlain(source);
    if (value === MERGE) throw new NeedsFullConstructor();
    return value;
  };

  /** Packs the collection just read and returns its index; a tagged or anchored one needs the full constructor. */
  const open = (event: MappingEvent | SequenceEvent): number => {
    if (event.tagStart !== NO_RANGE || event.anchorStart !== NO_RANGE) throw new NeedsFullConstructor();
    packCollection(packed, index - 1, event);
    return index - 1;
  };

  const node = (): unknown => {
    const event = events[index++];
    if (event === undefined) throw new NeedsFullConstructor();
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const value = scalar(event);
        return typeof value === 'string' ? shared(value) : value;
      }
      case EVENT_ID.MAPPING: {
        const opener = open(event);
        const mapping: Record<string, unknown> = {};
        while (events[index]?.type !== EVENT_ID.POP) {
          const keyEvent = events[index++];
          if (keyEvent === undefined) throw new NeedsFullConstructor();
          const key = shared(String(scalar(keyEvent)));
          if (Object.hasOwn(mapping, key)) throw new NeedsFullConstructor();
          const value = node();
          if (key === '__proto__')
            Object.defineProperty(mapping, key, {
              value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
          else mapping[key] = value;
        }
        packPop(packed, index++, opener);
        return mapping;
      }
      case EVENT_ID.SEQUENCE: {
        const opener = open(event);
        const sequence: unknown[] = [];
        while (events[index]?.type !== EVENT_ID.POP) sequence.push(node());
        packPop(packed, index++, opener);
        return sequence.length < GROWN_CAPACITY ? sequence.slice() : sequence;
      }
      default:
        throw new NeedsFullConstructor();
    }
  };

  const values: unknown[] = [];
  const documentStarts: number[] = [];
  try {
    while (index < events.length) {
      if (events[index]?.type !== EVENT_ID.DOCUMENT) return undefined;
      const opener = index;
      documentStarts.push(opener);
      packDocument(packed, index++);
      values.push(events[index]?.type === EVENT_ID.POP ? undefined : node());
      if (events[index]?.type !== EVENT_ID.POP) return undefined;
      packPop(packed, index++, opener);
    }
  } catch (error) {
    if (error instanceof NeedsFullConstructor) return undefined;
    throw error;
  }
  return { values, stream: { events: packed, documentStarts, hasAliases: false } };
}
