import type { PolicyProblem, TestResult } from '../../policy/result.ts';
import { renderTestJson } from './json.ts';
import { renderTestJunit } from './junit.ts';
import { renderTestTable } from './table.ts';
import { renderTestTap } from './tap.ts';

/** Output formats of `kubeward test`. */
export const TEST_OUTPUT_FORMATS = ['table', 'tap', 'junit', 'json'] as const;

/** One of TEST_OUTPUT_FORMATS. */
export type TestOutputFormat = (typeof TEST_OUTPUT_FORMATS)[number];

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
