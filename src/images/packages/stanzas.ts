/**
 * Deb822 paragraphs (dpkg's status file, Debian Policy §5.1): `Field: value` lines, continuation
 * lines starting with a space or tab, paragraphs separated by blank lines.
 */

/** One paragraph: its fields (names lowercased) and the 1-based line it starts on. */
export interface Stanza {
  readonly fields: ReadonlyMap<string, string>;
  readonly line: number;
}

export function parseStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let fields = new Map<string, string>();
  let start = 0;
  let last: string | undefined;
  const lines = text.split('\n');
  const flush = (): void => {
    if (fields.size > 0) stanzas.push({ fields, line: start });
    fields = new Map();
    last = undefined;
  };
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (fields.size === 0) start = index + 1;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      fields.set(last, `${fields.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  flush();
  return stanzas;
}
