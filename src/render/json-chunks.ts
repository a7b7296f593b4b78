import { escapeRawJson } from './json-text.ts';
import { StreamedList, chunked } from './streamed.ts';

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** An object or array written member by member because a {@link StreamedList} is somewhere inside it. */
function holdsList(value: unknown): value is Readonly<Record<string, unknown>> | readonly unknown[] {
  if (value instanceof StreamedList) return true;
  if (Array.isArray(value)) return value.some(holdsList);
  if (value === null || typeof value !== 'object' || 'toJSON' in value) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).some(holdsList);
}

function* members(
  open: string,
  close: string,
  entries: Iterable<readonly [string, unknown]>,
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

function* pieces(value: unknown, indent: string): Generator<string, void, undefined> {
  if (value instanceof StreamedList || Array.isArray(value)) {
    const items = value as Iterable<unknown>;
    yield* members(
      '[',
      ']',
      (function* () {
        for (const item of items) yield ['', omitted(item) ? null : item] as const;
      })(),
      indent,
    );
  } else if (holdsList(value)) {
    const entries = Object.entries(value).filter(([, member]) => !omitted(member));
    yield* members(
      '{',
      '}',
      entries.map(([key, member]) => [`${JSON.stringify(key)}: `, member] as const),
      indent,
    );
  } else {
    const text = JSON.stringify(value, null, 2);
    yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
  }
}

/**
 * The text {@link jsonText} gives, as chunks of bounded size: each {@link StreamedList} in `value` is
 * written item by item, and only the objects and arrays around it are walked here; every other value
 * is JSON.stringify's own text, re-indented (JSON strings hold no raw line feed, so only structure is
 * shifted). The concatenation is byte for byte `jsonText` of the same data with the lists as arrays.
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
