import { escapeRawJson } from './json-text.ts';
import { StreamedList, chunked } from './streamed.ts';

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Whether a value is written member by member: a {@link StreamedList}, an array, or a plain object
 * holding one of them somewhere. Anything else, and every item of a StreamedList, is one piece.
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
  entries: Iterable<readonly [key: string, value: unknown, item: boolean]>,
  indent: string,
): Generator<string, void, undefined> {
  const inner = `${indent}  `;
  let first = true;
  for (const [key, value, item] of entries) {
    yield `${first ? open : ','}\n${inner}${key}`;
    if (item) yield leaf(value, inner);
    else yield* pieces(value, inner);
    first = false;
  }
  yield first ? `${open}${close}` : `\n${indent}${close}`;
}

function* pieces(value: unknown, indent: string): Generator<string, void, undefined> {
  if (value instanceof StreamedList || Array.isArray(value)) {
    const items = value as Iterable<unknown>;
    const listed = value instanceof StreamedList;
    yield* members(
      '[',
      ']',
      (function* () {
        for (const item of items) yield ['', omitted(item) ? null : item, listed] as const;
      })(),
      indent,
    );
  } else if (walked(value)) {
    const entries = Object.entries(value).filter(([, member]) => !omitted(member));
    yield* members(
      '{',
      '}',
      entries.map(([key, member]) => [`${JSON.stringify(key)}: `, member, false] as const),
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
 * written item by item, each array member by member, and the objects around them key by key; every
 * other value (and each item of a StreamedList) is JSON.stringify's own text. The concatenation is
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
