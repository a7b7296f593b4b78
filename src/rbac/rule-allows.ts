import type { PolicyRule } from './policy-rule.ts';
import type { AuthorizationRequest, NonResourceRequest, ResourceRequest } from './request.ts';

/** `*` matches every verb; otherwise exact, case-sensitive (evaluation_helpers.go `VerbMatches`). */
function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((entry) => entry === '*' || entry === verb);
}

/** `*` matches every group; the core group is '' (evaluation_helpers.go `APIGroupMatches`). */
function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((entry) => entry === '*' || entry === group);
}

/**
 * `*` matches every resource and every subresource; `pods/exec` matches only itself; a star, a
 * slash and a subresource name (the `scale` form) matches that subresource of any resource.
 * `pods` does not cover `pods/exec`, and `pods/*` is a literal that matches nothing (evaluation_helpers.go `ResourceMatches`).
 */
function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource === '' ? resource : `${resource}/${subresource}`;
  return rule.resources.some(
    (entry) => entry === '*' || entry === combined || (subresource !== '' && entry === `*/${subresource}`),
  );
}

/**
 * No resourceNames: every name. Otherwise the request must carry one of them, so requests without a
 * name (create, list, watch, deletecollection) never match (evaluation_helpers.go `ResourceNameMatches`).
 */
function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.some((entry) => entry === name);
}

/**
 * `*` matches every path; an entry ending in `*` is a prefix (`/healthz/*` matches `/healthz/x`, not
 * `/healthz`); anything else must be equal (evaluation_helpers.go `NonResourceURLMatches`).
 */
function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (entry) =>
      entry === '*' || entry === path || (entry.endsWith('*') && path.startsWith(entry.slice(0, -1))),
  );
}

/** Whether one rule allows the request (rbac.go `RuleAllows`): all four matches for resources. */
export function ruleAllows(rule: PolicyRule, request: AuthorizationRequest): boolean {
  return request.kind === 'resource'
    ? ruleAllowsResource(rule, request)
    : ruleAllowsNonResource(rule, request);
}

function ruleAllowsResource(rule: PolicyRule, request: ResourceRequest): boolean {
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, request.resource, request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

function ruleAllowsNonResource(rule: PolicyRule, request: NonResourceRequest): boolean {
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}
