import { jsonText } from './json-text.ts';
import type { Report } from '../report/report.ts';
import { reportDocument } from './document.ts';

/** `-o json`: the report document, two-space indented. */
export function renderJson(report: Report): string {
  return jsonText(reportDocument(report));
}
