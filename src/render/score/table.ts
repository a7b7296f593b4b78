import { escapeControls } from '../../model/terminal-text.ts';
import type { ScoredSubject } from '../../score/scan-inputs.ts';
import { fieldName, whereIs } from '../../score/scan-inputs.ts';
import { renderColumns } from '../columns.ts';

/**
 * `-o table`: one line per object (name, score, where it starts, kubesec's message), then one indented
 * line per matched rule with its points and the file:line:col of the field that matched.
 */
export function renderScoreTable(scored: readonly ScoredSubject[], width = Number.POSITIVE_INFINITY): string {
  const rows: string[][] = [['OBJECT', 'SCORE', 'LOCATION', 'MESSAGE']];
  for (const { subject, report, result } of scored) {
    rows.push(
      [report.object, String(report.score), whereIs(subject, []), firstLine(report.message)].map((cell) =>
        escapeControls(cell),
      ),
    );
    if (!result || !report.valid) continue;
    for (const outcome of [...result.critical, ...result.passed]) {
      const path = outcome.paths[0] ?? [];
      rows.push([
        `  ${outcome.rule.id}`,
        signed(outcome.rule.points),
        escapeControls(whereIs(subject, path)),
        escapeControls(fieldName(path)),
      ]);
    }
  }
  return renderColumns(rows, { width });
}

/** `+3`, `-30`, `0`. */
export function signed(points: number): string {
  return points > 0 ? `+${String(points)}` : String(points);
}

/** A one-line message: for a schema failure, its `- at '/path': problem` lines rather than the schema URL. */
function firstLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length > 1 ? lines.slice(1).join('; ') : (lines[0] ?? '');
}
