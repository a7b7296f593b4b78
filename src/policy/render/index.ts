import type { PolicyProblem, TestResult } from '../result.ts';
import type { TestOutputFormat } from './formats.ts';
import { renderTestJson } from './json.ts';
import { renderTestJunit } from './junit.ts';
import { renderTestTable } from './table.ts';
import { renderTestTap } from './tap.ts';

export { TEST_OUTPUT_FORMATS } from './formats.ts';
export type { TestOutputFormat } from './formats.ts';

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
