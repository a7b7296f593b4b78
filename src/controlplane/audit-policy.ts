import type { Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';

/** An audit level, mildest first. */
const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;

/** A request the audit analyzer asks a policy about: a resource (and subresource) in an API group. */
export interface AuditRequest {
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
}

/** True when a rule limits which users, groups, verbs or namespaces it applies to. */
export function isRestricted(rule: Mapping): boolean {
  return ['users', 'userGroups', 'verbs', 'namespaces'].some((field) => {
    const value = rule[field];
    return Array.isArray(value) && value.length > 0;
  });
}

/**
 * True when the rule's `resources` match the request, per audit.k8s.io/v1 GroupResources: an empty
 * group list matches every resource; `group` defaults to core; names may be a star, `pods/` plus a star, or a star plus `/status`.
 * A rule with `nonResourceURLs` only never matches a resource request.
 */
export function ruleMatches(rule: Mapping, request: AuditRequest): boolean {
  const groups = Array.isArray(rule.resources) ? rule.resources : undefined;
  if (groups === undefined) return !(Array.isArray(rule.nonResourceURLs) && rule.nonResourceURLs.length > 0);
  if (groups.length === 0) return true;
  const full = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  return groups.some((group: unknown) => {
    if (!isRecord(group)) return false;
    const groupName = typeof group.group === 'string' ? group.group : '';
    if (groupName !== request.group && groupName !== '*') return false;
    const names = Array.isArray(group.resources) ? group.resources : [];
    if (names.length === 0) return true;
    return names.some(
      (name: unknown) =>
        name === '*' ||
        name === full ||
        (request.subresource !== undefined &&
          (name === `${request.resource}/*` || name === `*/${request.subresource}`)),
    );
  });
}

/** The level of a rule, or None when it is missing or unknown. */
export function levelOf(rule: Mapping): (typeof AUDIT_LEVELS)[number] {
  const level = rule.level;
  return AUDIT_LEVELS.find((known) => known === level) ?? 'None';
}
