import { escapeControls } from '../../model/terminal-text.ts';
import type { Explanation } from '../../netpol/explain.ts';

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
    if (!entry.isolated) {
      lines.push(
        /^[0-9a-f.:]+\/\d+$/i.test(entry.endpoint)
          ? '  an address outside the pod network: no NetworkPolicy applies on this side'
          : '  not isolated: no NetworkPolicy selects it in this direction (everything allowed)',
      );
      continue;
    }
    lines.push(`  isolated by: ${escapeControls(entry.policies.join('; '))}`);
    if (entry.rules.length === 0) lines.push('  no rule admits the other end on this port: denied');
    for (const rule of entry.rules)
      lines.push(
        `  allowed by ${escapeControls(`${rule.policy} ${rule.rule} at ${rule.location} (${rule.ports})`)}`,
      );
    lines.push(`  allows: ${escapeControls(entry.allowed)}`);
  }
  return lines.join('\n') + '\n';
}
