import type { PolicyProblem, TestResult } from '../result.ts';
import { renderTestJson } from './json.ts';
import { renderTestJunit } from './junit.ts';
import { renderTestTable } from './table.ts';
import { renderTestTap } from './tap.ts';

/** Output formats of `kubeward test`. */
export const TEST_OUTPUT_FORMATS = ['table', 'tap', 'junit', 'json'] as const;

/** One of TEST_OUTPUT_FORMATS. */
export type TestOutputFormat = (typeof TEST_OUTPUT_FORMATS)[number];

/** Renders results in the chosen format; paths are shown relative to `baseDirectory`. */
export function renderTestReport(
  format: TestOutputFormat,
  results: readonly TestResult[],
  problems: readonly PolicyProblem[],
  baseDirectory: string,
): string {
  switch (format) {
    case 'table':
      return renderTestTable(results, baseDirectory);
    case 'tap':
      return renderTestTap(results, baseDirectory);
    case 'junit':
      return renderTestJunit(results, baseDirectory);
    case 'json':
      return renderTestJson(results, problems);
  }
}
