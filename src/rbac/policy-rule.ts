import { isRecord } from '../model/path.ts';

/**
 * One `rules[]` entry of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule).
 * Absent lists are empty; entries that are not strings are dropped (the API server would refuse them).
 */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

function strings(value: unknown): readonly string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** Reads one PolicyRule; a non-mapping gives a rule that grants nothing (no verbs). */
export function readPolicyRule(value: unknown): PolicyRule {
  if (!isRecord(value))
    return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] };
  return {
    verbs: strings(value.verbs),
    apiGroups: strings(value.apiGroups),
    resources: strings(value.resources),
    resourceNames: strings(value.resourceNames),
    nonResourceURLs: strings(value.nonResourceURLs),
  };
}

/** Reads a `rules` list (null or absent gives none, as in aggregated ClusterRoles shipped with `rules: null`). */
export function readPolicyRules(value: unknown): readonly PolicyRule[] {
  return Array.isArray(value) ? value.map(readPolicyRule) : [];
}

const keys = new WeakMap<PolicyRule, string>();

/**
 * A string equal for two rules exactly when they are deeply equal, list order included (the
 * aggregation controller de-duplicates this way); cached per rule.
 */
export function policyRuleKey(rule: PolicyRule): string {
  let key = keys.get(rule);
  if (key === undefined) {
    key = JSON.stringify([
      rule.verbs,
      rule.apiGroups,
      rule.resources,
      rule.resourceNames,
      rule.nonResourceURLs,
    ]);
    keys.set(rule, key);
  }
  return key;
}

/** A rule written compactly: `resource.group [names] [verbs]`, or `url [verbs]` for non-resource rules. */
export function describePolicyRule(rule: PolicyRule): string {
  const list = (values: readonly string[]): string => values.join(',');
  if (rule.nonResourceURLs.length > 0 && rule.resources.length === 0)
    return `nonResourceURLs ${list(rule.nonResourceURLs)} verbs ${list(rule.verbs)}`;
  const groups = rule.apiGroups.map((group) => (group === '' ? '""' : group));
  const names = rule.resourceNames.length > 0 ? ` resourceNames ${list(rule.resourceNames)}` : '';
  return `apiGroups ${list(groups)} resources ${list(rule.resources)}${names} verbs ${list(rule.verbs)}`;
}
