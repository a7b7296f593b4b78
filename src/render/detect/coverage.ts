import { escapeControls } from '../../model/terminal-text.ts';
import { renderColumns } from '../columns.ts';

/** One rule's verdict under an audit Policy, as the engine's ruleCoverage gives it. */
export interface RuleCoverage {
  readonly rule: string;
  readonly canFire: boolean;
  readonly reason?: string;
}

/**
 * `detect coverage -o table`: the rules that can never fire under the policy first, with why, then
 * a one-line total. Rule names and reasons come from input: their control characters are escaped.
 */
export function renderCoverageTable(
  coverage: readonly RuleCoverage[],
  policyFile: string,
  width?: number,
): string {
  const never = coverage.filter((entry) => !entry.canFire);
  const rows = [
    ['RULE', 'CAN FIRE', 'WHY NOT'],
    ...[...never, ...coverage.filter((entry) => entry.canFire)].map((entry) => [
      escapeControls(entry.rule),
      entry.canFire ? 'yes' : 'no',
      escapeControls(entry.reason ?? ''),
    ]),
  ];
  const total = `${String(never.length)} of ${String(coverage.length)} rules can never fire under ${escapeControls(policyFile)}`;
  return `${renderColumns(rows, { width })}\n${total}\n`;
}

/** `detect coverage -o json`: every rule with `canFire` and, when it cannot, `reason`. */
export function renderCoverageJson(coverage: readonly RuleCoverage[], policyFile: string): string {
  return `${JSON.stringify(
    {
      policy: policyFile,
      rules: coverage.map((entry) => ({
        rule: entry.rule,
        canFire: entry.canFire,
        ...(entry.reason === undefined ? {} : { reason: entry.reason }),
      })),
    },
    null,
    2,
  )}\n`;
}
