import { escapeControls } from '../../model/terminal-text.ts';
import type { Check } from '../../model/check.ts';
import { renderColumns } from '../columns.ts';

/** `checks list` as a table: ID, SEVERITY, THEME, TITLE; TITLE wraps to `width`. */
export function renderCheckTable(checks: readonly Check[], width = Number.POSITIVE_INFINITY): string {
  return renderColumns(
    [
      ['ID', 'SEVERITY', 'THEME', 'TITLE'],
      ...checks.map((c) => [c.id, c.severity, c.theme, c.title].map((cell) => escapeControls(cell))),
    ],
    { width },
  );
}
