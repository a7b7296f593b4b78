import type { Diagnostic } from '../../model/diagnostic.ts';

/** A diagnostic about a whole file of an image (it has no line): a database or binary not read. */
export function fileDiagnostic(level: Diagnostic['level'], file: string, message: string): Diagnostic {
  return { level, file, line: 0, column: 0, message };
}
