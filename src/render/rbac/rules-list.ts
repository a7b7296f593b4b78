import { escapeControls } from '../../model/terminal-text.ts';
import type { RulesRow } from '../../rbac/rules-review.ts';
import { goList } from '../../rbac/rules-review.ts';
import { renderColumns } from '../columns.ts';

/** `kubectl auth can-i --list` output (tabwriter padding 3, Go list formatting). */
export function renderRulesList(rows: readonly RulesRow[], width = Number.POSITIVE_INFINITY): string {
  return renderColumns(
    [
      ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'],
      ...rows.map((row) =>
        [row.resources, goList(row.nonResourceURLs), goList(row.resourceNames), goList(row.verbs)].map(
          (cell) => escapeControls(cell),
        ),
      ),
    ],
    { width },
  );
}
