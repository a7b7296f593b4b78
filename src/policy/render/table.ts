import type { TestResult } from '../result.ts';
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
 * A plain-text table: RESULT, TEST, RESOURCE, LOCATION, MESSAGE (the first message; the others on
 * following lines under MESSAGE), then the summary line. Columns are padded to their widest cell.
 */
export function renderTestTable(results: readonly TestResult[], baseDirectory: string): string {
  const rows = results.map((result) => ({
    cells: [
      LABEL[result.outcome],
      result.test,
      subjectName(result.subject),
      subjectLocation(result.subject, baseDirectory),
    ],
    messages: result.messages,
  }));
  const header = ['RESULT', 'TEST', 'RESOURCE', 'LOCATION'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row.cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  const indent = ' '.repeat(widths.reduce((total, width) => total + width + 2, 0));
  const lines = [line([...header, 'MESSAGE']).trimEnd()];
  for (const row of rows) {
    const [first = '', ...rest] = row.messages;
    lines.push(`${line(row.cells)}  ${first}`.trimEnd());
    for (const message of rest) lines.push(`${indent}${message}`);
  }
  lines.push('', summaryLine(summarize(results)));
  return `${lines.join('\n')}\n`;
}
