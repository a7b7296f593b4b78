import { labelsOf, selectorMatches } from '../../model/label-selector.ts';
import { isRecord } from '../../model/path.ts';
import type { Mapping } from '../../model/path.ts';
import type { MatchResources, ResourceRule } from './model.ts';
import { namespaceLabels } from './request.ts';
import type { AdmissionAttributes } from './request.ts';

/**
 * Groups whose resources the API server converts between (`Equivalent` match policy): the
 * same resource served by `extensions` and its successor group.
 */
const EQUIVALENT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  deployments: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  replicasets: ['apps', 'extensions'],
  statefulsets: ['apps'],
  ingresses: ['networking.k8s.io', 'extensions'],
  networkpolicies: ['networking.k8s.io', 'extensions'],
  podsecuritypolicies: ['policy', 'extensions'],
};

const includes = (list: readonly string[], value: string): boolean =>
  list.includes('*') || list.includes(value);

function resourceMatches(patterns: readonly string[], resource: string): boolean {
  return patterns.some((pattern) => {
    const slash = pattern.indexOf('/');
    const name = slash === -1 ? pattern : pattern.slice(0, slash);
    const sub = slash === -1 ? '' : pattern.slice(slash + 1);
    return (name === '*' || name === resource) && (sub === '*' || sub === '');
  });
}

function scopeMatches(scope: string, namespaced: boolean): boolean {
  return scope === '*' || (scope === 'Namespaced' ? namespaced : scope === 'Cluster' ? !namespaced : false);
}

/**
 * Whether one rule matches the request exactly (`admission/plugin/webhook/predicates/rules`):
 * operation, group, version, resource (`*` = any resource without subresource, `res/*` and `*\/*`
 * include the resource itself), scope, and resourceNames (empty = all).
 */
function ruleMatchesExactly(
  rule: ResourceRule,
  attributes: AdmissionAttributes,
  group: string,
  version: string,
): boolean {
  return (
    includes(rule.operations, attributes.operation) &&
    includes(rule.apiGroups, group) &&
    includes(rule.apiVersions, version) &&
    resourceMatches(rule.resources, attributes.resource) &&
    scopeMatches(rule.scope, attributes.namespaced) &&
    (rule.resourceNames.length === 0 || rule.resourceNames.includes(attributes.name))
  );
}

/**
 * Whether a rule matches, honouring the match policy: `Exact` compares the request's own group and
 * version; `Equivalent` also accepts a rule naming another version of the group, or an equivalent
 * group that serves the same resource, as the API server would convert the object.
 */
function ruleMatches(
  rule: ResourceRule,
  attributes: AdmissionAttributes,
  matchPolicy: MatchResources['matchPolicy'],
): boolean {
  if (ruleMatchesExactly(rule, attributes, attributes.group, attributes.version)) return true;
  if (matchPolicy === 'Exact') return false;
  const groups = EQUIVALENT_GROUPS[attributes.resource] ?? [attributes.group];
  if (!groups.includes(attributes.group)) return false;
  return groups.some((group) =>
    rule.apiVersions.some((version) => ruleMatchesExactly(rule, attributes, group, version)),
  );
}

function namespaceSelectorMatches(selector: unknown, attributes: AdmissionAttributes): boolean {
  if (attributes.kind === 'Namespace' && attributes.group === '') {
    const object = attributes.object ?? attributes.oldObject ?? {};
    return selectorMatches(selector, namespaceLabels(object, attributes.name));
  }
  if (!attributes.namespaced || attributes.namespaceObject === null) return true;
  return selectorMatches(selector, namespaceLabels(attributes.namespaceObject, attributes.namespace));
}

function labelsOfObject(object: Mapping | null): Readonly<Record<string, string>> | undefined {
  if (object === null) return undefined;
  return labelsOf(isRecord(object.metadata) ? object.metadata.labels : undefined);
}

function objectSelectorMatches(selector: unknown, attributes: AdmissionAttributes): boolean {
  return [attributes.object, attributes.oldObject].some((object) => {
    const labels = labelsOfObject(object);
    return labels !== undefined && selectorMatches(selector, labels);
  });
}

/** Why a request does or does not match MatchResources. */
export type MatchOutcome = { readonly matches: true } | { readonly matches: false; readonly reason: string };

/**
 * Matches a request against MatchResources (`pkg/admission/plugin/policy/matching/matching.go`):
 * the namespace selector (a Namespace object is matched by its own labels; other cluster-scoped
 * objects always pass), the object selector (object or oldObject), then any resourceRule, and no
 * excludeResourceRule (exclusion wins). `requireRules` is true for a policy's matchConstraints;
 * for a binding's matchResources an empty resourceRules list constrains nothing.
 */
export function matchResources(
  match: MatchResources,
  attributes: AdmissionAttributes,
  requireRules: boolean,
): MatchOutcome {
  if (!namespaceSelectorMatches(match.namespaceSelector, attributes))
    return { matches: false, reason: 'namespaceSelector does not select the namespace' };
  if (!objectSelectorMatches(match.objectSelector, attributes))
    return { matches: false, reason: 'objectSelector does not select the object' };
  if (
    (requireRules || match.resourceRules.length > 0) &&
    !match.resourceRules.some((rule) => ruleMatches(rule, attributes, match.matchPolicy))
  )
    return { matches: false, reason: 'no resourceRule matches' };
  if (match.excludeResourceRules.some((rule) => ruleMatches(rule, attributes, match.matchPolicy)))
    return { matches: false, reason: 'an excludeResourceRule matches' };
  return { matches: true };
}
