import type { PolicyProblem, TestResult } from '../../policy/result.ts';
import type { TestOutputFormat } from './formats.ts';
import { renderTestJson } from './json.ts';
import { renderTestJunit } from './junit.ts';
import { renderTestTable } from './table.ts';
import { renderTestTap } from './tap.ts';

/**
 * Renders results in the chosen format; paths are shown relative to `baseDirectory`. The table
 * wraps to `width` (see terminalWidth).
 */
export function renderTestReport(
  format: TestOutputFormat,
  results: readonly TestResult[],
  problems: readonly PolicyProblem[],
  baseDirectory: string,
  width = Number.POSITIVE_INFINITY,
): string {
  switch (format) {
    case 'table':
      return renderTestTable(results, baseDirectory, width);
    case 'tap':
      return renderTestTap(results, baseDirectory);
    case 'junit':
      return renderTestJunit(results, baseDirectory);
    case 'json':
      return renderTestJson(results, problems);
  }
}
