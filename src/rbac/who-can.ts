import type { GrantedRule, RbacBinding, RbacModel, RbacRole } from './model.ts';
import { roleOf, rulesOf } from './model.ts';
import type { AuthorizationRequest } from './request.ts';
import { firstAllowingRule, indexRules } from './rule-index.ts';
import type { Subject } from './subject.ts';

/** One subject of one binding whose role allows the request (a row of `kubectl who-can`). */
export interface WhoCanEntry {
  readonly binding: RbacBinding;
  readonly subject: Subject;
  readonly role: RbacRole;
  readonly rule: GrantedRule;
}

/** The answer, in kubectl-who-can's two sections. */
export interface WhoCanResult {
  readonly roleBindings: readonly WhoCanEntry[];
  readonly clusterRoleBindings: readonly WhoCanEntry[];
}

/** Which RoleBindings to consult: one namespace, or every namespace (`-A`). */
export type WhoCanScope = { readonly namespace: string } | { readonly allNamespaces: true };

/** Bindings grouped by the role they resolve to, each with its position in the model. */
interface RoleGroup {
  readonly role: RbacRole;
  readonly bindings: readonly { readonly binding: RbacBinding; readonly position: number }[];
}

/** Bindings grouped by role, per scope. */
export interface WhoCanIndex {
  readonly clusterRoleBindings: readonly RoleGroup[];
  readonly roleBindings: ReadonlyMap<string, readonly RoleGroup[]>;
  readonly allRoleBindings: readonly RoleGroup[];
}

const groupsByModel = new WeakMap<RbacModel, WhoCanIndex>();

function group(
  model: RbacModel,
  bindings: readonly RbacBinding[],
  positions: ReadonlyMap<RbacBinding, number>,
): RoleGroup[] {
  const byRole = new Map<RbacRole, { binding: RbacBinding; position: number }[]>();
  for (const binding of bindings) {
    const role = roleOf(model, binding);
    if (role === undefined || binding.subjects.length === 0) continue;
    let list = byRole.get(role);
    if (!list) byRole.set(role, (list = []));
    list.push({ binding, position: positions.get(binding) ?? 0 });
  }
  return [...byRole].map(([role, members]) => ({ role, bindings: members }));
}

/**
 * The who-can index of a model: bindings grouped by the role they resolve to (so each role is
 * evaluated once per query) and every bound role's rule index. Built once per model on first use;
 * call it up front to keep the cost out of the first query.
 */
export function whoCanIndex(model: RbacModel): WhoCanIndex {
  const cached = groupsByModel.get(model);
  if (cached) return cached;
  const positions = new Map(model.bindings.map((binding, position) => [binding, position]));
  const roleBindings = new Map<string, RoleGroup[]>();
  for (const [namespace, bindings] of model.roleBindings)
    roleBindings.set(namespace, group(model, bindings, positions));
  const groups = {
    clusterRoleBindings: group(model, model.clusterRoleBindings, positions),
    roleBindings,
    allRoleBindings: group(model, [...model.roleBindings.values()].flat(), positions),
  };
  for (const { role } of [...groups.clusterRoleBindings, ...groups.allRoleBindings])
    indexRules(rulesOf(model, role));
  groupsByModel.set(model, groups);
  return groups;
}

function rows(model: RbacModel, groups: readonly RoleGroup[], request: AuthorizationRequest): WhoCanEntry[] {
  const found: { position: number; entries: WhoCanEntry[] }[] = [];
  for (const { role, bindings } of groups) {
    const rule = firstAllowingRule(rulesOf(model, role), request);
    if (rule === undefined) continue;
    for (const { binding, position } of bindings)
      found.push({
        position,
        entries: binding.subjects.map((subject) => ({ binding, subject, role, rule })),
      });
  }
  return found.sort((a, b) => a.position - b.position).flatMap((entry) => entry.entries);
}

/**
 * Every subject granted the request: through any ClusterRoleBinding, and through the RoleBindings
 * of the request namespace (of all namespaces with `allNamespaces`). Cluster-scoped and
 * non-resource requests consult no RoleBinding, as the authorizer does. Rows keep binding order,
 * then subject order; bindings without subjects or with a missing role give none. Bindings are
 * indexed by role once per model, so each role is evaluated once per query.
 */
export function whoCan(model: RbacModel, request: AuthorizationRequest, scope: WhoCanScope): WhoCanResult {
  const groups = whoCanIndex(model);
  let roleBindings: readonly RoleGroup[] = [];
  if (request.kind === 'resource') {
    if ('allNamespaces' in scope) roleBindings = groups.allRoleBindings;
    else if (request.namespace !== '') roleBindings = groups.roleBindings.get(request.namespace) ?? [];
  }
  return {
    roleBindings: rows(model, roleBindings, request),
    clusterRoleBindings: rows(model, groups.clusterRoleBindings, request),
  };
}
