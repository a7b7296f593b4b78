import { Buffer } from 'node:buffer';

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Compares strings byte-wise in UTF-8, as Go's `sort.Strings` does. Without surrogates, UTF-16 code
 * unit order is code point order, which is UTF-8 byte order; other strings are encoded.
 */
export function compareBytes(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The distinct values, sorted byte-wise: what PSA's `sets.String.List()` returns. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareBytes);
}

/** `"a", "b"`: each item in double quotes, unescaped, joined by `, ` (PSA's `joinQuote`); '' when empty. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** `singular` when `count` is 1, else `plural` (PSA's `pluralize`). */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * Quotes a string the way Go's `%q` does for the values PSA prints: backslash escapes for quotes,
 * backslashes and control characters; printable Unicode is kept as is.
 */
export function goQuote(value: string): string {
  let quoted = '"';
  for (const character of value) {
    const escape = ESCAPES[character];
    const code = character.codePointAt(0) ?? 0;
    if (escape !== undefined) quoted += escape;
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else quoted += character;
  }
  return `${quoted}"`;
}
