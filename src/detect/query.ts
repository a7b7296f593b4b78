import type { FieldValue } from './field-value.ts';

/** Go's `url.QueryUnescape`: `+` is a space, `%XX` a byte; a bad escape is an error (undefined). */
function queryUnescape(text: string): string | undefined {
  if (!/^(?:[^%]|%[0-9a-fA-F]{2})*$/.test(text)) return undefined;
  const bytes: number[] = [];
  const plain = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '%') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else for (const b of plain.encode(c)) bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * `ka.uri.param[key]`: the first value of a query parameter of the request URI, parsed as Go's
 * `url.Parse` and `url.ParseQuery` do in extract.go. Any malformed pair (a bad `%` escape, a `;`)
 * makes ParseQuery fail, and the field is then absent.
 */
export function queryParam(uri: unknown, key: string): FieldValue {
  if (uri === undefined) return undefined;
  const text = typeof uri === 'string' ? uri : JSON.stringify(uri);
  const question = text.indexOf('?');
  if (question === -1) return undefined;
  const hash = text.indexOf('#', question);
  const raw = text.slice(question + 1, hash === -1 ? undefined : hash);
  let found: string | undefined;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) return undefined;
    const equals = pair.indexOf('=');
    const name = queryUnescape(equals === -1 ? pair : pair.slice(0, equals));
    const value = queryUnescape(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === undefined || value === undefined) return undefined;
    if (name === key && found === undefined) found = value;
  }
  return found;
}
