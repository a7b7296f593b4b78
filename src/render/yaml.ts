import { dump } from '../load/js-yaml.ts';
import type { Report } from '../report/report.ts';
import { reportDocument } from './document.ts';
import { StreamedList, chunked } from './streamed.ts';

/** Bidi overrides and isolates: YAML counts them printable, so js-yaml would write them raw. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

const OPTIONS = { lineWidth: -1, noRefs: true } as const;

/** The document with bidi overrides in its strings written as visible `\u202e` text. */
function withoutBidi(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replace(BIDI, (character) => `\\u${character.charCodeAt(0).toString(16)}`);
  if (Array.isArray(value)) return value.map(withoutBidi);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withoutBidi(entry)]));
  return value;
}

/** Block YAML moved two columns right, as js-yaml nests a sequence under a key (empty lines stay empty). */
const indented = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');

function* pieces(document: Readonly<Record<string, unknown>>): Generator<string, void, undefined> {
  for (const [key, value] of Object.entries(document)) {
    if (!(value instanceof StreamedList)) {
      yield dump({ [key]: withoutBidi(value) }, OPTIONS);
      continue;
    }
    let empty = true;
    for (const item of value) {
      if (empty) yield dump({ [key]: [] }, OPTIONS).replace(/ \[\]\n$/, '\n');
      yield indented(dump([withoutBidi(item)], OPTIONS));
      empty = false;
    }
    if (empty) yield dump({ [key]: [] }, OPTIONS);
  }
}

/**
 * `-o yaml`: the same document as `-o json`, in chunks of bounded size: each key at the top written
 * on its own, and each finding as an item of the `findings` sequence, exactly as js-yaml dumps the
 * whole. js-yaml escapes control characters itself (`\e`, `\x9B`); bidi overrides, which it would
 * leave raw, are shown as `\u202e` text.
 */
export function renderYamlChunks(report: Report): Iterable<string> {
  return chunked(pieces(reportDocument(report)));
}

/** Any document of plain data (a {@link StreamedList} written item by item) as YAML chunks, as {@link renderYamlChunks}. */
export function yamlChunks(document: Readonly<Record<string, unknown>>): Iterable<string> {
  return chunked(pieces(document));
}

/** `-o yaml` as one string, for reports small enough to hold whole. */
export function renderYaml(report: Report): string {
  return [...renderYamlChunks(report)].join('');
}
