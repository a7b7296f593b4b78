import type { Explanation } from '../../netpol/explain.ts';

/** The explanation as text for a terminal. */
export function renderExplanation(explanation: Explanation): string {
  const lines = [
    `${explanation.allowed ? 'ALLOWED' : 'DENIED'} (${explanation.probe}); allowed ports: ${explanation.ports}`,
  ];
  for (const [title, entry] of [
    ['egress of source', explanation.egress],
    ['ingress of destination', explanation.ingress],
  ] as const) {
    lines.push(`${title} ${entry.endpoint}:`);
    if (!entry.isolated) {
      lines.push(
        /^[0-9a-f.:]+\/\d+$/i.test(entry.endpoint)
          ? '  an address outside the pod network: no NetworkPolicy applies on this side'
          : '  not isolated: no NetworkPolicy selects it in this direction (everything allowed)',
      );
      continue;
    }
    lines.push(`  isolated by: ${entry.policies.join('; ')}`);
    if (entry.rules.length === 0) lines.push('  no rule admits the other end on this port: denied');
    for (const rule of entry.rules)
      lines.push(`  allowed by ${rule.policy} ${rule.rule} at ${rule.location} (${rule.ports})`);
    lines.push(`  allows: ${entry.allowed}`);
  }
  return lines.join('\n') + '\n';
}
