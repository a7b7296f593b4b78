import { compileRules } from '../index.ts';
import type { Ruleset } from '../index.ts';

/** A rules file holding `preamble` (lists, macros) and one k8s_audit rule named `probe` with this condition. */
export function oneRuleFile(condition: string, preamble = ''): string {
  return `${preamble}
- rule: probe
  desc: probe
  condition: ${JSON.stringify(condition)}
  output: probe
  priority: WARNING
  source: k8s_audit
`;
}

/** Compiles one rule with this condition. */
export function oneRule(condition: string, preamble = ''): Ruleset {
  return compileRules([{ path: 'probe.yaml', text: oneRuleFile(condition, preamble) }]);
}

/** Whether a condition holds on an event (compiled as the only rule of a ruleset). */
export function holds(condition: string, event: unknown, preamble = ''): boolean {
  return oneRule(condition, preamble).match(event).length > 0;
}
