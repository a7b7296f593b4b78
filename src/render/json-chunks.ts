import { escapeRawJson } from './json-text.ts';
import { CHUNK_SIZE, StreamedList, chunked } from './streamed.ts';

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Whether a value is written member by member: a {@link StreamedList}, an array, or a plain object
 * holding one of them somewhere. Anything else is one piece, and a StreamedList's items a few pieces.
 */
function walked(value: unknown): value is Readonly<Record<string, unknown>> | Iterable<unknown> {
  if (value instanceof StreamedList || Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object' || 'toJSON' in value) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).some(walked);
}

function* members(
  open: string,
  close: string,
  entries: Iterable<readonly [key: string, value: unknown]>,
  indent: string,
): Generator<string, void, undefined> {
  const inner = `${indent}  `;
  let first = true;
  for (const [key, value] of entries) {
    yield `${first ? open : ','}\n${inner}${key}`;
    yield* pieces(value, inner);
    first = false;
  }
  yield first ? `${open}${close}` : `\n${indent}${close}`;
}

/** The text a batch of listed items aims at: a few to a chunk. */
const BATCH_SIZE = CHUNK_SIZE / 4;

/**
 * The items of a {@link StreamedList} at `indent`, stringified a batch at a time: JSON.stringify of a
 * batch nested in as many arrays as `indent` is deep already indents its items as the list's, so
 * the text between the batch's brackets is the items' own. Each batch aims at {@link BATCH_SIZE}
 * characters, judged by the items before it; one that comes out longer than a chunk is split.
 */
function* listedItems(items: Iterable<unknown>, indent: string): Generator<string, void, undefined> {
  const depth = indent.length / 2;
  let prefix = '[';
  let suffix = `\n${indent}]`;
  for (let level = 1; level <= depth; level++) prefix += `\n${' '.repeat(level * 2)}[`;
  for (let level = depth - 1; level >= 0; level--) suffix += `\n${' '.repeat(level * 2)}]`;
  const texts = function* (batch: readonly unknown[]): Generator<string, void, undefined> {
    let nested: unknown = batch;
    for (let level = 0; level < depth; level++) nested = [nested];
    const text = JSON.stringify(nested, null, 2).slice(prefix.length, -suffix.length);
    if (text.length <= CHUNK_SIZE || batch.length === 1) yield text;
    else {
      const half = Math.ceil(batch.length / 2);
      yield* texts(batch.slice(0, half));
      yield* texts(batch.slice(half));
    }
  };
  let batch: unknown[] = [];
  let size = 1;
  let separator = '[';
  const written = function* (): Generator<string, void, undefined> {
    let length = 0;
    for (const text of texts(batch)) {
      yield `${separator}${text}`;
      separator = ',';
      length += text.length;
    }
    size = Math.max(1, Math.floor((BATCH_SIZE * batch.length) / length));
    batch = [];
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) yield* written();
  }
  if (batch.length > 0) yield* written();
  yield separator === '[' ? '[]' : `\n${indent}]`;
}

function* pieces(value: unknown, indent: string): Generator<string, void, undefined> {
  if (value instanceof StreamedList) yield* listedItems(value, indent);
  else if (Array.isArray(value)) {
    const items = value as Iterable<unknown>;
    yield* members(
      '[',
      ']',
      (function* () {
        for (const item of items) yield ['', omitted(item) ? null : item] as const;
      })(),
      indent,
    );
  } else if (walked(value)) {
    const entries = Object.entries(value).filter(([, member]) => !omitted(member));
    yield* members(
      '{',
      '}',
      entries.map(([key, member]) => [`${JSON.stringify(key)}: `, member] as const),
      indent,
    );
  } else yield leaf(value, indent);
}

/** JSON.stringify's text of a value, re-indented (JSON strings hold no raw line feed: only structure moves). */
function leaf(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/**
 * The text {@link jsonText} gives, as chunks of bounded size: each {@link StreamedList} in `value` is
 * written a batch of items at a time, each array member by member, and the objects around them key
 * by key; every other value (and each batch of a StreamedList) is JSON.stringify's own text. The concatenation is
 * byte for byte `jsonText` of the same data with the lists as arrays.
 */
export function* jsonChunks(value: unknown): Generator<string, void, undefined> {
  for (const chunk of chunked(
    (function* () {
      yield* pieces(value, '');
      yield '\n';
    })(),
  ))
    yield escapeRawJson(chunk);
}
