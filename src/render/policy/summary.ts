import { relative } from 'node:path';
import type { SubjectRef, TestOutcome, TestResult } from '../../policy/result.ts';

/** Counts of results by outcome. */
export type Summary = Readonly<Record<TestOutcome, number>> & { readonly total: number };

/** Counts results by outcome. */
export function summarize(results: readonly TestResult[]): Summary {
  const counts: Record<TestOutcome, number> = { pass: 0, fail: 0, warn: 0, audit: 0, skip: 0, error: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { ...counts, total: results.length };
}

/** `12 tests, 9 passed, 2 failed, 1 warning, 0 audited, 0 skipped, 0 errors` */
export function summaryLine(summary: Summary): string {
  const plural = (count: number, word: string, many = `${word}s`): string =>
    `${String(count)} ${count === 1 ? word : many}`;
  return [
    plural(summary.total, 'test'),
    `${String(summary.pass)} passed`,
    `${String(summary.fail)} failed`,
    plural(summary.warn, 'warning'),
    `${String(summary.audit)} audited`,
    `${String(summary.skip)} skipped`,
    plural(summary.error, 'error'),
  ].join(', ');
}

/** `Deployment shop/web` (namespace omitted for cluster-scoped objects). */
export function subjectName(subject: SubjectRef): string {
  return `${subject.kind} ${subject.namespace === undefined ? '' : `${subject.namespace}/`}${subject.name}`;
}

/** `path/to/file.yaml:12`, relative to `baseDirectory` when below it. */
export function subjectLocation(subject: SubjectRef, baseDirectory: string): string {
  const path = relative(baseDirectory, subject.file);
  const shown = path === '' || path.startsWith('..') ? subject.file : path;
  return subject.line > 0 ? `${shown}:${String(subject.line)}` : shown;
}
