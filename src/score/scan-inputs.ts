import { formatPath } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import type { ScoreSubject } from './documents.ts';
import type { ReportOptions, ScoredReport } from './report.ts';
import { kubesecReport } from './report.ts';

/** A subject and its report, in input order. */
export interface ScoredSubject extends ScoredReport {
  readonly subject: ScoreSubject;
}

/** kubesec's `fileName`: the path as typed, `STDIN` for standard input. */
function kubesecFileName(file: string): string {
  return file === '<stdin>' ? 'STDIN' : file;
}

/** Scores every subject; one bad document never affects the others. */
export function scoreSubjects(
  subjects: readonly ScoreSubject[],
  options: ReportOptions = {},
): ScoredSubject[] {
  return subjects.map((subject) => ({
    subject,
    ...kubesecReport(subject.value, kubesecFileName(subject.origin.file), options),
  }));
}

/**
 * kubesec's exit status for a scan: 0 only when every report scores above 0 (so an unsupported kind,
 * an invalid document or a score of 0 all fail), else `failureCode` (kubesec's default is 2).
 */
export function scoreExitCode(scored: readonly ScoredSubject[], failureCode = 2): number {
  return scored.every(({ report }) => report.score > 0) ? 0 : failureCode;
}

/** `file:line:col` of a field of a subject (the object itself for `[]`). */
export function whereIs(subject: ScoreSubject, path: FieldPath): string {
  const { line, column } = subject.origin.locate(path);
  return `${subject.origin.file}:${String(line)}:${String(column)}`;
}

/** `spec.containers[0].securityContext.privileged`, or `(object)` for the empty path. */
export function fieldName(path: FieldPath): string {
  return path.length === 0 ? '(object)' : formatPath(path);
}
