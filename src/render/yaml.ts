import { dump } from 'js-yaml';
import type { Report } from '../report/report.ts';
import { reportDocument } from './document.ts';

/** `-o yaml`: the same document as `-o json`. */
export function renderYaml(report: Report): string {
  return dump(reportDocument(report), { lineWidth: -1, noRefs: true });
}
