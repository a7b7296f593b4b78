import { jsonText } from '../json-text.ts';
import type { PolicyProblem, TestResult } from '../../policy/result.ts';
import { summarize } from './summary.ts';

/**
 * JSON report: `{summary: {total, pass, fail, warn, audit, skip, error}, results: [{test, source,
 * subject: {kind, namespace, name, file, line}, outcome, messages}], problems: [{file, line, message}]}`.
 */
export function renderTestJson(results: readonly TestResult[], problems: readonly PolicyProblem[]): string {
  return jsonText({ summary: summarize(results), results, problems });
}
