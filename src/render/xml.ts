/** Characters XML 1.0 cannot carry at all, escaped or not: C0 controls but TAB, LF, CR; lone surrogates; U+FFFE, U+FFFF. */
const FORBIDDEN = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes text for XML 1.0 attributes and content (`& < > " '`) and strips the characters XML 1.0
 * forbids (C0 controls other than TAB, LF and CR, lone surrogates, U+FFFE and U+FFFF): they are
 * dropped, not replaced, so a name keeps reading as it did. The only escaper of every XML output.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** ` name="value"` for each defined attribute, in the given order, values escaped. */
export function xmlAttributes(attributes: Readonly<Record<string, string | number | undefined>>): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) text += ` ${name}="${xmlEscape(String(value))}"`;
  return text;
}
