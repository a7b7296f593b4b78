import { escapeControls } from '../../model/terminal-text.ts';
import type { ProbeResult } from '../../controlplane/verdicts/result.ts';
import { renderColumns } from '../columns.ts';

/** `audit probe` as a table: VERDICT, PROBE, TARGET, MESSAGE; MESSAGE wraps to `width`. */
export function renderProbeTable(results: readonly ProbeResult[], width = Number.POSITIVE_INFINITY): string {
  return renderColumns(
    [
      ['VERDICT', 'PROBE', 'TARGET', 'MESSAGE'],
      ...results.map((result) =>
        [result.verdict.toUpperCase(), result.probe, result.target, result.message].map((cell) =>
          escapeControls(cell),
        ),
      ),
    ],
    { width },
  );
}
