import type { Report } from '../report/report.ts';
import { reportDocument } from './document.ts';
import { jsonChunks } from './json-chunks.ts';

/** `-o json`: the report document, two-space indented, in chunks of bounded size (one per many findings). */
export function renderJsonChunks(report: Report): Iterable<string> {
  return jsonChunks(reportDocument(report));
}

/** `-o json` as one string, for reports small enough to hold whole. */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}
