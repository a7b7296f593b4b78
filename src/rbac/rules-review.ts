import { bindingsFor } from './authorize.ts';
import type { RbacModel } from './model.ts';
import { roleOf, rulesOf } from './model.ts';
import type { PolicyRule } from './policy-rule.ts';
import type { UserInfo } from './subject.ts';
import { subjectAppliesTo } from './subject.ts';

/**
 * Every rule a user holds in a namespace ('' for cluster-wide only), as a SelfSubjectRulesReview
 * returns them: the rules of every ClusterRoleBinding naming the user, then of the namespace's
 * RoleBindings. `system:masters` membership is not a rule and is not listed.
 */
export function rulesFor(model: RbacModel, user: UserInfo, namespace: string): readonly PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const binding of bindingsFor(model, namespace)) {
    if (!binding.subjects.some((subject) => subjectAppliesTo(subject, user, binding.namespace))) continue;
    for (const granted of rulesOf(model, roleOf(model, binding))) rules.push(granted.rule);
  }
  return rules;
}

const EMPTY_RULE: PolicyRule = {
  verbs: [],
  apiGroups: [],
  resources: [],
  resourceNames: [],
  nonResourceURLs: [],
};

/**
 * Splits a rule into one rule per group × resource × verb (× resource name), and one per
 * non-resource URL × verb (rbac/v1 helpers `BreakdownRule`).
 */
export function breakdownRule(rule: PolicyRule): readonly PolicyRule[] {
  const pieces: PolicyRule[] = [];
  for (const group of rule.apiGroups)
    for (const resource of rule.resources)
      for (const verb of rule.verbs) {
        const base = { ...EMPTY_RULE, apiGroups: [group], resources: [resource], verbs: [verb] };
        if (rule.resourceNames.length === 0) pieces.push(base);
        else for (const name of rule.resourceNames) pieces.push({ ...base, resourceNames: [name] });
      }
  for (const url of rule.nonResourceURLs)
    for (const verb of rule.verbs) pieces.push({ ...EMPTY_RULE, nonResourceURLs: [url], verbs: [verb] });
  return pieces;
}

/**
 * Merges rules on the same single group, resource and (at most one) resource name into one rule
 * with the union of their verbs, first-seen order (rbac/v1 helpers `CompactRules`).
 */
export function compactRules(rules: readonly PolicyRule[]): readonly PolicyRule[] {
  const simple = new Map<string, PolicyRule>();
  const other: PolicyRule[] = [];
  for (const rule of rules) {
    const isSimple =
      rule.nonResourceURLs.length === 0 &&
      rule.apiGroups.length === 1 &&
      rule.resources.length === 1 &&
      rule.resourceNames.length <= 1;
    if (!isSimple) {
      other.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    simple.set(
      key,
      existing ? { ...existing, verbs: [...new Set([...existing.verbs, ...rule.verbs])] } : rule,
    );
  }
  return [...other, ...simple.values()];
}

/** A string list as Go's `%v` prints it: `[get list]`, `[]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** The sort key of `SortableRuleSlice`: the Go String() of a PolicyRule, verbs first. */
function ruleString(rule: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(rule.verbs)},APIGroups:${goList(rule.apiGroups)},Resources:${goList(rule.resources)},ResourceNames:${goList(rule.resourceNames)},NonResourceURLs:${goList(rule.nonResourceURLs)},}`;
}

/** `resource.group[/sub]` as kubectl prints the Resources column ('' for non-resource rules). */
export function combineResourceGroup(rule: PolicyRule): string {
  const resource = rule.resources[0];
  if (resource === undefined) return '';
  const slash = resource.indexOf('/');
  const base = slash === -1 ? resource : resource.slice(0, slash);
  const group = rule.apiGroups[0];
  const withGroup = group === undefined || group === '' ? base : `${base}.${group}`;
  return slash === -1 ? withGroup : `${withGroup}${resource.slice(slash)}`;
}

/** One line of `kubectl auth can-i --list`. */
export interface RulesRow {
  readonly resources: string;
  readonly nonResourceURLs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly verbs: readonly string[];
}

/** The rules broken down, compacted and sorted as `kubectl auth can-i --list` prints them (cani.go). */
export function listRows(rules: readonly PolicyRule[]): readonly RulesRow[] {
  const compacted = [...compactRules(rules.flatMap(breakdownRule))];
  const keyed = compacted.map((rule) => ({ rule, key: ruleString(rule) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ rule }) => ({
    resources: combineResourceGroup(rule),
    nonResourceURLs: rule.nonResourceURLs,
    resourceNames: rule.resourceNames,
    verbs: rule.verbs,
  }));
}
