import { createRequire } from 'node:module';
import type StringWidth from 'string-width';

let stringWidth: typeof StringWidth | undefined;

/**
 * string-width's measure of a text, its module loaded on first use: loading it builds a grapheme
 * segmenter and an emoji pattern, tens of milliseconds that every start would pay for reports that
 * are nearly always printable ASCII. The CLI bundle holds the module, evaluated on first use too
 * (scripts/build.mjs).
 */
export function stringWidthOf(text: string): number {
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: typeof StringWidth }).default;
  return stringWidth(text);
}
