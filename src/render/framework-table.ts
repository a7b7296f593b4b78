import type pc from 'picocolors';
import { escapeControls } from '../model/terminal-text.ts';
import type { ControlStatus, FrameworkScorecard } from '../report/framework.ts';
import { renderColumns } from './columns.ts';

/**
 * The per-control scorecard of `scan --framework`: each control with its status, how many of the
 * checks implementing it applied, their findings, and the checks themselves (a check that did not
 * apply is marked `(n/a)`).
 */
export function renderFrameworkTable(
  scorecard: FrameworkScorecard,
  colors: ReturnType<typeof pc.createColors>,
  width: number | undefined,
): string {
  const paint: Readonly<Record<ControlStatus, (text: string) => string>> = {
    pass: colors.green,
    fail: colors.red,
    'not checked': colors.dim,
    'not covered': colors.dim,
  };
  const rows = [
    ['CONTROL', 'STATUS', 'APPLIED', 'FINDINGS', 'TITLE', 'CHECKS'],
    ...scorecard.controls.map((control) => [
      escapeControls(control.id),
      paint[control.status](control.status),
      `${String(control.checks.filter((check) => check.applied).length)}/${String(control.checks.length)}`,
      String(control.findings),
      escapeControls(control.title),
      control.checks.map((check) => (check.applied ? check.id : `${check.id} (n/a)`)).join(', ') || '-',
    ]),
  ];
  const counts = (status: ControlStatus) =>
    scorecard.controls.filter((control) => control.status === status).length;
  const total = (['pass', 'fail', 'not checked', 'not covered'] as const)
    .map((status) => `${String(counts(status))} ${status}`)
    .join(', ');
  return `${colors.bold(scorecard.title)}: ${total}\n${renderColumns(rows, { width })}`;
}
