import { documentOrigin } from '../load/origin.ts';
import { parseSource } from '../load/parse.ts';
import type { Source } from '../load/source.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { isRecord } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import type { Origin } from '../model/resource.ts';

/** One document (or one item of a `kind: List`) to score, kept even when it is not a Kubernetes object. */
export interface ScoreSubject {
  /** The decoded document: usually a mapping, but any YAML value is kept so it can be reported. */
  readonly value: unknown;
  /** Where `value` sits; its paths are relative to `value`. */
  readonly origin: Origin;
}

/**
 * Splits sources into the subjects `kubeward score` reports on, one per non-empty document, in input
 * order. Unlike kubesec, every YAML document is read (kubesec splits on the literal `\n---\n` and loses
 * `--- x` documents), a syntax error costs only its own document (a diagnostic, not an abort), and
 * `kind: List` is expanded into its items (kubesec scores the List itself as unsupported).
 */
export function subjectsOf(sources: readonly Source[]): {
  subjects: ScoreSubject[];
  diagnostics: Diagnostic[];
} {
  const subjects: ScoreSubject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    for (const diagnostic of parsed.diagnostics) diagnostics.push(diagnostic);
    for (const document of parsed.documents) {
      const { value } = document;
      if (value === null || value === undefined) continue;
      const subject = (itemPath: FieldPath | undefined, item: unknown): ScoreSubject => ({
        value: item,
        origin: documentOrigin(source.file, document.index, document.events, itemPath),
      });
      if (isRecord(value) && value.kind === 'List' && Array.isArray(value.items))
        value.items.forEach((item: unknown, i) => subjects.push(subject(['items', i], item)));
      else subjects.push(subject(undefined, value));
    }
  }
  return { subjects, diagnostics };
}
