/** What JSON.stringify leaves raw but a terminal acts on: DEL, C1 controls, bidi overrides and isolates. */
const RAW = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with DEL, C1 controls and bidi overrides written as `\u` escapes too (JSON.stringify
 * escapes only C0). These characters can only occur inside JSON strings, so the text may be cut
 * anywhere first. An ASCII text without DEL (UTF-8 as long as it) is returned as it is, without a
 * regular expression going through it.
 */
export function escapeRawJson(text: string): string {
  if (Buffer.byteLength(text) === text.length && !text.includes('\x7f')) return text;
  return text.replace(RAW, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `JSON.stringify(value, null, 2)` and a final newline, with DEL, C1 controls and bidi overrides
 * written as `\u` escapes too (JSON.stringify escapes only C0): the same data, but nothing in it can
 * steer the terminal it is printed to. These characters can only occur inside JSON strings.
 */
export function jsonText(value: unknown): string {
  return `${escapeRawJson(JSON.stringify(value, null, 2))}\n`;
}
