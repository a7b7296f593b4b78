import { escapeControls } from './terminal-text.ts';

/**
 * A problem with the input itself (unparseable YAML, a document that is not an object, a field of the
 * wrong type). `error` makes the input unusable and the run exits 2; `warning` is reported and scanning
 * goes on; `note` says what was left out and why (a file in a repository that is no Kubernetes object).
 */
export interface Diagnostic {
  readonly level: 'error' | 'warning' | 'note';
  readonly file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
  readonly message: string;
}

/**
 * `file:line:col: level: message` (leaving out a line or column that is 0, unknown), the form editors
 * and CI logs link: one line, the file name and the message with their control characters escaped
 * (see escapeControls).
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const file = escapeControls(diagnostic.file);
  const where =
    diagnostic.line <= 0
      ? file
      : diagnostic.column <= 0
        ? `${file}:${diagnostic.line}`
        : `${file}:${diagnostic.line}:${diagnostic.column}`;
  return `${where}: ${diagnostic.level}: ${escapeControls(diagnostic.message)}`;
}
