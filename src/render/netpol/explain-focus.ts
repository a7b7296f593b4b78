import { escapeControls } from '../../model/terminal-text.ts';
import type { SideExplanation } from '../../netpol/explain.ts';
import type { FocusedExplanation } from '../../netpol/explain-focus.ts';
import { renderColumns } from '../columns.ts';
import { jsonText } from '../json-text.ts';

/** What decided one side, with the rules that took part: `NetworkPolicies: shop/api spec.ingress[0]`. */
export function sideReason(side: SideExplanation): string {
  const rules = [
    ...side.adminRules.map((rule) => `${rule.kind} ${rule.policy} rule ${rule.rule} ${rule.action}`),
    ...side.rules.map((rule) => `${rule.policy} ${rule.rule}`),
    ...side.baselineRules.map((rule) => `${rule.kind} ${rule.policy} rule ${rule.rule} ${rule.action}`),
  ];
  return rules.length === 0 ? side.decidedBy : `${side.decidedBy}: ${rules.join(', ')}`;
}

/**
 * The explanations of a focus: a table of SOURCE, DESTINATION, VERDICT (`ALLOWED TCP:80`, `DENIED`)
 * and what decided each side, or `json` (`{explanations: [{direction, source, destination, ...explanation}]}`).
 */
export function renderFocusedExplanations(
  list: readonly FocusedExplanation[],
  format: 'text' | 'json',
  width = Number.POSITIVE_INFINITY,
): string {
  if (format === 'json')
    return jsonText({
      explanations: list.map(({ direction, source, destination, explanation }) => ({
        direction,
        source,
        destination,
        ...explanation,
      })),
    });
  const rows = list.map(({ source, destination, explanation }) => [
    escapeControls(source),
    escapeControls(destination),
    explanation.allowed ? `ALLOWED ${escapeControls(explanation.ports)}` : 'DENIED',
    `egress: ${escapeControls(sideReason(explanation.egress))}\ningress: ${escapeControls(sideReason(explanation.ingress))}`,
  ]);
  return renderColumns([['SOURCE', 'DESTINATION', 'VERDICT', 'DECIDED BY'], ...rows], { width });
}
