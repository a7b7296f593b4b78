import { escapeControls } from '../model/terminal-text.ts';

/** Characters XML 1.0 cannot carry at all and that are not controls: lone surrogates, U+FFFE, U+FFFF. */
const FORBIDDEN = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes text for XML 1.0 content (`& < > " '`). Control characters and bidi overrides but LF
 * become visible escapes (`\x1b`, `\r`, `\u202e`, see escapeControls), as on the terminal, so no
 * viewer of the report can be steered by them nor shown a forged line; lone surrogates, U+FFFE and
 * U+FFFF, which XML forbids, are dropped. LF stays for the writer's own multi-line texts: values
 * joined into such a text are escaped whole first. The only escaper of every XML output.
 */
export function xmlEscape(text: string): string {
  return escapeControls(text, { keepLineFeeds: true })
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** ` name="value"` for each defined attribute, in the given order, values escaped (LF too: one line). */
export function xmlAttributes(attributes: Readonly<Record<string, string | number | undefined>>): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) text += ` ${name}="${xmlEscape(escapeControls(String(value)))}"`;
  return text;
}
