import { escapeControls } from '../../model/terminal-text.ts';
import type { AdminRuleReason, Explanation } from '../../netpol/explain.ts';

function adminLine(verb: string, reason: AdminRuleReason): string {
  const priority = reason.priority === undefined ? '' : ` priority ${reason.priority}`;
  return `  ${verb} ${escapeControls(`${reason.kind} ${reason.policy}${priority} rule ${reason.rule} at ${reason.location}: ${reason.action} (${reason.ports})`)}`;
}

/** The explanation as text for a terminal; names and locations from input are escaped (see escapeControls). */
export function renderExplanation(explanation: Explanation): string {
  const lines = [
    `${explanation.allowed ? 'ALLOWED' : 'DENIED'} (${escapeControls(explanation.probe)}); allowed ports: ${escapeControls(explanation.ports)}`,
  ];
  for (const [title, entry] of [
    ['egress of source', explanation.egress],
    ['ingress of destination', explanation.ingress],
  ] as const) {
    lines.push(`${title} ${escapeControls(entry.endpoint)}:`);
    lines.push(`  decided by: ${escapeControls(entry.decidedBy)}`);
    for (const reason of entry.adminRules) lines.push(adminLine('matched', reason));
    if (!entry.isolated) {
      for (const reason of entry.baselineRules) lines.push(adminLine('matched', reason));
      if (entry.adminRules.length === 0 && entry.baselineRules.length === 0)
        lines.push(
          /^[0-9a-f.:]+\/\d+$/i.test(entry.endpoint)
            ? '  an address outside the pod network: no NetworkPolicy applies on this side'
            : '  not isolated: no NetworkPolicy selects it in this direction (everything allowed)',
        );
      else lines.push(`  allows: ${escapeControls(entry.allowed)}`);
      continue;
    }
    lines.push(`  isolated by: ${escapeControls(entry.policies.join('; '))}`);
    if (entry.rules.length === 0 && entry.decidedBy === 'NetworkPolicies')
      lines.push('  no NetworkPolicy rule admits the other end on this port: denied by the NetworkPolicies');
    for (const rule of entry.rules)
      lines.push(
        `  allowed by ${escapeControls(`${rule.policy} ${rule.rule} at ${rule.location} (${rule.ports})`)}`,
      );
    lines.push(`  allows: ${escapeControls(entry.allowed)}`);
  }
  return lines.join('\n') + '\n';
}
