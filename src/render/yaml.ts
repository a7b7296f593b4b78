import { dump } from '../load/js-yaml.ts';
import type { Report } from '../report/report.ts';
import { reportDocument } from './document.ts';

/** Bidi overrides and isolates: YAML counts them printable, so js-yaml would write them raw. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** The document with bidi overrides in its strings written as visible `\u202e` text. */
function withoutBidi(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replace(BIDI, (character) => `\\u${character.charCodeAt(0).toString(16)}`);
  if (Array.isArray(value)) return value.map(withoutBidi);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withoutBidi(entry)]));
  return value;
}

/**
 * `-o yaml`: the same document as `-o json`. js-yaml escapes control characters itself (`\e`,
 * `\x9B`); bidi overrides, which it would leave raw, are shown as `\u202e` text.
 */
export function renderYaml(report: Report): string {
  return dump(withoutBidi(reportDocument(report)), { lineWidth: -1, noRefs: true });
}
