import type { GrantedRule, RbacBinding, RbacModel, RbacRole } from './model.ts';
import { roleOf, rulesOf } from './model.ts';
import type { AuthorizationRequest } from './request.ts';
import { firstAllowingRule } from './rule-index.ts';
import type { Subject, UserInfo } from './subject.ts';
import { MASTERS_GROUP, subjectAppliesTo } from './subject.ts';

/** Why a request is allowed: the binding, the subject in it, the role and the rule. */
export interface Grant {
  readonly binding: RbacBinding;
  readonly subject: Subject;
  readonly role: RbacRole;
  readonly rule: GrantedRule;
}

/** The authorizer's answer; `grant` is undefined when `system:masters` decided or nothing allowed. */
export interface Decision {
  readonly allowed: boolean;
  readonly reason: 'system:masters' | 'rbac' | 'no rule';
  readonly grant: Grant | undefined;
}

/**
 * The bindings the authorizer visits for a request namespace (rule.go `VisitRulesFor`): every
 * ClusterRoleBinding, then the RoleBindings of that namespace; none of those for '' (cluster-scoped
 * and non-resource requests).
 */
export function bindingsFor(model: RbacModel, namespace: string): readonly RbacBinding[] {
  const roleBindings = namespace === '' ? [] : (model.roleBindings.get(namespace) ?? []);
  return [...model.clusterRoleBindings, ...roleBindings];
}

/** The first rule of a binding's role that allows the request, with the role. */
export function bindingAllows(
  model: RbacModel,
  binding: RbacBinding,
  request: AuthorizationRequest,
): { role: RbacRole; rule: GrantedRule } | undefined {
  const role = roleOf(model, binding);
  if (role === undefined) return undefined;
  const rule = firstAllowingRule(rulesOf(model, role), request);
  return rule === undefined ? undefined : { role, rule };
}

/**
 * Decides a request as kube-apiserver with `--authorization-mode=RBAC` would: members of
 * `system:masters` are allowed before RBAC runs; otherwise the first binding (ClusterRoleBindings,
 * then RoleBindings of the request namespace) with a subject naming the user and a rule allowing
 * the request. RBAC has no deny rules.
 */
export function authorize(model: RbacModel, user: UserInfo, request: AuthorizationRequest): Decision {
  if (user.groups.includes(MASTERS_GROUP))
    return { allowed: true, reason: 'system:masters', grant: undefined };
  const namespace = request.kind === 'resource' ? request.namespace : '';
  for (const binding of bindingsFor(model, namespace)) {
    const subject = binding.subjects.find((candidate) =>
      subjectAppliesTo(candidate, user, binding.namespace),
    );
    if (subject === undefined) continue;
    const allowed = bindingAllows(model, binding, request);
    if (allowed) return { allowed: true, reason: 'rbac', grant: { binding, subject, ...allowed } };
  }
  return { allowed: false, reason: 'no rule', grant: undefined };
}
