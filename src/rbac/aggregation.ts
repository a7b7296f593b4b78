import { selectorMatches } from '../model/label-selector.ts';
import type { GrantedRule, RbacRole } from './model.ts';
import { policyRuleKey } from './policy-rule.ts';

/** Effective rules per role after aggregation, and any role whose aggregation did not settle. */
export interface AggregationResult {
  readonly rules: ReadonlyMap<RbacRole, readonly GrantedRule[]>;
  readonly problems: readonly string[];
}

/**
 * Resolves aggregated ClusterRoles as the clusterrole-aggregation controller does
 * (pkg/controller/clusterroleaggregation): for each selector (OR across selectors), the matching
 * ClusterRoles other than itself, sorted by name, contribute their rules in order, de-duplicated by
 * deep equality; the role's own `rules` are replaced. Chains (view → edit → admin) are iterated to
 * a fixpoint; a cycle that keeps growing is cut after as many rounds as there are roles and reported.
 */
export function aggregateClusterRoles(roles: readonly RbacRole[]): AggregationResult {
  const rules = new Map<RbacRole, readonly GrantedRule[]>();
  for (const role of roles) rules.set(role, role.declaredRules);
  const clusterRoles = roles
    .filter((role) => role.kind === 'ClusterRole')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const aggregated = clusterRoles.filter((role) => role.aggregationSelectors !== undefined);
  if (aggregated.length === 0) return { rules, problems: [] };
  const problems: string[] = [];
  let changed = true;
  for (let round = 0; changed; round++) {
    if (round > clusterRoles.length) {
      problems.push('aggregated ClusterRoles did not converge (an aggregation cycle keeps adding rules)');
      break;
    }
    changed = false;
    for (const role of aggregated) {
      const union: GrantedRule[] = [];
      const seen = new Set<string>();
      for (const selector of role.aggregationSelectors ?? []) {
        for (const source of clusterRoles) {
          if (source === role || !selectorMatches(selector, source.labels)) continue;
          for (const granted of rules.get(source) ?? []) {
            const key = policyRuleKey(granted.rule);
            if (seen.has(key)) continue;
            seen.add(key);
            union.push(granted);
          }
        }
      }
      const previous = rules.get(role) ?? [];
      if (previous.length !== union.length || previous.some((granted, index) => granted !== union[index])) {
        rules.set(role, union);
        changed = true;
      }
    }
  }
  return { rules, problems };
}
