import { escapeControls } from '../../model/terminal-text.ts';
import type { ScoredSubject } from '../../score/scan-inputs.ts';
import { fieldName, whereIs } from '../../score/scan-inputs.ts';
import { signed } from './table.ts';

/**
 * `--explain`: for every object, every applicable rule in kubesec's report order (critical, passed,
 * advise, then unmatched critical rules) with the points it added, each field that matched it with
 * file:line:col, and the sum. Invalid and unsupported documents say why they score 0.
 */
export function renderScoreExplanation(scored: readonly ScoredSubject[]): string {
  const lines: string[] = [];
  for (const { subject, report, result } of scored) {
    lines.push(
      escapeControls(`${report.object} (${whereIs(subject, [])})`) +
        `: ${report.message
          .trimEnd()
          .split('\n')
          .map((line) => escapeControls(line))
          .join('\n')}`,
    );
    if (result && report.valid && result.supported) {
      const listed = new Set([...result.critical, ...result.passed, ...result.advise]);
      const unlisted = result.outcomes.filter((outcome) => !listed.has(outcome));
      for (const outcome of [...result.critical, ...result.passed, ...result.advise, ...unlisted]) {
        const added = outcome.matched ? signed(outcome.rule.points) : '0';
        const state = outcome.matched ? 'matched' : `not matched (${signed(outcome.rule.points)} if it were)`;
        lines.push(`  ${added.padStart(4)}  ${outcome.rule.id}: ${state}`);
        for (const path of outcome.paths)
          lines.push(`          ${escapeControls(`${fieldName(path)} at ${whereIs(subject, path)}`)}`);
      }
      lines.push(`  ${'='.padStart(4)}  ${String(report.score)}`);
    } else {
      lines.push(
        `     0  ${report.valid ? 'no kubesec rule applies to this kind' : 'the document failed schema validation'}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
