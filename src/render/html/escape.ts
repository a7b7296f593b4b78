import { escapeControls } from '../../model/terminal-text.ts';
import { xmlEscape } from '../xml.ts';

/** Text and attribute values for HTML and SVG: `& < > " '` escaped, control characters and bidi overrides made visible. */
export function h(text: string): string {
  return xmlEscape(escapeControls(text));
}

/**
 * JSON to embed in a `<script type="application/json">`: `<` written `\u003c` so that no `</script>`
 * (or `<!--`) in a value can end the element; U+2028 and U+2029 escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
