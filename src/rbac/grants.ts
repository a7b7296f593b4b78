import type { CheckContext, InventoryViolation } from '../model/check.ts';
import { derivation, derived } from '../model/derived.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Resource } from '../model/resource.ts';
import { bindingAllows } from './authorize.ts';
import { rbacModelOf } from './cache.ts';
import type { GrantedRule, RbacBinding, RbacModel, RbacRole } from './model.ts';
import { describeObject, isDefaultObject, roleOf, rulesOf } from './model.ts';
import type { PolicyRule } from './policy-rule.ts';
import { describeRequest, resourceRequest } from './request.ts';
import { isClusterScopedResource } from './resources.ts';
import type { Subject } from './subject.ts';
import { describeSubject } from './subject.ts';

/** One risky permission a check looks for: a verb on a resource (optionally a subresource and a name). */
export interface Probe {
  readonly verb: string;
  readonly resource: string;
  readonly apiGroup?: string;
  readonly subresource?: string;
  readonly name?: string;
}

/**
 * A second grant a subject must also hold for the probes to be a risk (CSR approval needs `approve`
 * on signers too), possibly through another binding; `action` is how the message names it.
 */
export interface AlsoNeeded {
  readonly action: string;
  readonly holds: (model: RbacModel, subject: Subject, bindingNamespace: string) => boolean;
}

/** `ClusterRole x rules[2]`, or `ClusterRole edit (aggregated from ClusterRole y rules[2])`. */
export function describeGrantedRule(role: RbacRole, granted: GrantedRule): string {
  const own = `${describeObject(granted.role)} rules[${String(granted.index)}]`;
  return granted.role === role ? own : `${describeObject(role)} (aggregated from ${own})`;
}

/** `in namespace ns` for a RoleBinding, `cluster-wide` for a ClusterRoleBinding. */
export function describeScope(binding: RbacBinding): string {
  return binding.kind === 'RoleBinding' ? `in namespace ${binding.namespace}` : 'cluster-wide';
}

/**
 * The probes a binding's role allows in the binding's scope, each with the rule that allows it. A
 * RoleBinding grants nothing on cluster-scoped resources, except on its own Namespace object.
 */
function allowedProbes(
  model: RbacModel,
  binding: RbacBinding,
  probes: readonly Probe[],
): readonly { probe: Probe; action: string; role: RbacRole; rule: GrantedRule }[] {
  const found: { probe: Probe; action: string; role: RbacRole; rule: GrantedRule }[] = [];
  for (const probe of probes) {
    const apiGroup = probe.apiGroup ?? '';
    const clusterScoped = isClusterScopedResource(probe.resource, apiGroup);
    const isNamespace = probe.resource === 'namespaces' && apiGroup === '';
    if (binding.kind === 'RoleBinding' && clusterScoped && !isNamespace) continue;
    const namespace = binding.kind === 'RoleBinding' ? binding.namespace : '';
    const request = resourceRequest(probe.verb, probe.resource, {
      apiGroup,
      subresource: probe.subresource ?? '',
      name: isNamespace && binding.kind === 'RoleBinding' ? binding.namespace : (probe.name ?? ''),
      namespace: clusterScoped && !isNamespace ? '' : namespace,
    });
    const allowed = bindingAllows(model, binding, request);
    if (allowed) found.push({ probe, action: describeRequest(request), ...allowed });
  }
  return found;
}

/**
 * The bindings rbac checks report on: those of the input, minus the defaults (labelled
 * `kubernetes.io/bootstrapping: rbac-defaults` or named `system:*`), which belong to the platform.
 */
export function reportedBindings(
  inventory: Inventory,
): readonly (RbacBinding & { readonly resource: Resource })[] {
  return derived(inventory, REPORTED_BINDINGS);
}

const REPORTED_BINDINGS = derivation('reported rbac bindings', (inventory) =>
  rbacModelOf(inventory).bindings.filter(
    (binding): binding is RbacBinding & { readonly resource: Resource } =>
      binding.resource !== undefined && !isDefaultObject(binding) && !binding.name.startsWith('system:'),
  ),
);

/**
 * Findings for every subject of every reported binding whose role allows any of the probes: one per
 * subject, on the subject's path, naming the subject, what it can do, where, the binding and the
 * rules that grant it, with the bootstrap roles of the `kubernetesVersion` setting. Roles with a full wildcard rule are left to rbac-wildcard-grant, which
 * subsumes every specific risk. With `alsoNeeded`, only the subjects that also hold that grant.
 */
export function* probeViolations(
  { inventory, settings }: Pick<CheckContext, 'inventory' | 'settings'>,
  probes: readonly Probe[],
  alsoNeeded?: AlsoNeeded,
): Iterable<InventoryViolation> {
  const model = rbacModelOf(inventory, settings.kubernetesVersion);
  for (const binding of reportedBindings(inventory)) {
    if (hasFullWildcard(rulesOf(model, roleOf(model, binding)))) continue;
    const found = allowedProbes(model, binding, probes);
    if (found.length === 0) continue;
    const verbsByTarget = new Map<string, string[]>();
    for (const { action } of found) {
      const space = action.indexOf(' ');
      const target = action.slice(space + 1);
      verbsByTarget.set(target, [...(verbsByTarget.get(target) ?? []), action.slice(0, space)]);
    }
    const actions = [...verbsByTarget].map(([target, verbs]) => `${verbs.join('/')} ${target}`).join(', ');
    const rules = [...new Set(found.map((entry) => describeGrantedRule(entry.role, entry.rule)))].join(
      ' and ',
    );
    const also = alsoNeeded === undefined ? '' : ` (and ${alsoNeeded.action})`;
    for (const subject of binding.subjects) {
      if (alsoNeeded !== undefined && !alsoNeeded.holds(model, subject, binding.namespace)) continue;
      yield {
        resource: binding.resource,
        path: subject.path,
        message: `${describeSubject(subject, binding.namespace)} can ${actions}${also} ${describeScope(binding)} through ${describeObject(binding)} and ${rules}`,
      };
    }
  }
}

/** Whether a role's rules have a full wildcard rule, answered once per list of rules. */
function hasFullWildcard(rules: readonly GrantedRule[]): boolean {
  let answer = fullWildcards.get(rules);
  if (answer === undefined)
    fullWildcards.set(rules, (answer = rules.some(({ rule }) => isFullWildcard(rule))));
  return answer;
}

const fullWildcards = new WeakMap<readonly GrantedRule[], boolean>();

/** `*` verbs on `*` resources in `*` groups: cluster-admin (or namespace admin through a RoleBinding). */
function isFullWildcard(rule: PolicyRule): boolean {
  return rule.verbs.includes('*') && rule.resources.includes('*') && rule.apiGroups.includes('*');
}
