import { escapeControls } from '../../model/terminal-text.ts';
import type { TestResult } from '../../policy/result.ts';
import { renderColumns } from '../columns.ts';
import { subjectLocation, subjectName, summarize, summaryLine } from './summary.ts';

const LABEL: Readonly<Record<TestResult['outcome'], string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  audit: 'AUDIT',
  skip: 'SKIP',
  error: 'ERROR',
};

/**
 * A plain-text table: RESULT, TEST, RESOURCE, LOCATION, MESSAGE (one message a line, all under
 * MESSAGE), then the summary line. MESSAGE wraps to `width` (see terminalWidth).
 */
export function renderTestTable(
  results: readonly TestResult[],
  baseDirectory: string,
  width = Number.POSITIVE_INFINITY,
): string {
  const rows = results.map((result) => [
    LABEL[result.outcome],
    escapeControls(result.test),
    escapeControls(subjectName(result.subject)),
    escapeControls(subjectLocation(result.subject, baseDirectory)),
    result.messages.map((message) => escapeControls(message)).join('\n'),
  ]);
  const table = renderColumns([['RESULT', 'TEST', 'RESOURCE', 'LOCATION', 'MESSAGE'], ...rows], { width });
  return `${table}\n${summaryLine(summarize(results))}\n`;
}
