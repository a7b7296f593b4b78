import type { Inventory } from '../model/inventory.ts';
import { namespaceOf } from '../model/inventory.ts';
import type { Labels } from '../model/label-selector.ts';
import { labelsOf } from '../model/label-selector.ts';
import { isRecord } from '../model/path.ts';
import type { Mapping } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { apiGroup } from '../model/resource.ts';
import { aggregateClusterRoles } from './aggregation.ts';
import type { BootstrapPolicy } from './bootstrap/index.ts';
import { BOOTSTRAP_POLICIES, bootstrapObjects } from './bootstrap/index.ts';
import type { PolicyRule } from './policy-rule.ts';
import { readPolicyRules } from './policy-rule.ts';
import type { Subject } from './subject.ts';
import { readSubjects } from './subject.ts';

/** Where a rule was written: the role that declares it and its index in `rules`. */
export interface GrantedRule {
  readonly rule: PolicyRule;
  readonly role: RbacRole;
  readonly index: number;
}

/** A Role (namespace set) or ClusterRole (namespace ''), from the input or the bootstrap policy. */
export interface RbacRole {
  readonly kind: 'Role' | 'ClusterRole';
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** `aggregationRule.clusterRoleSelectors` of an aggregated ClusterRole; undefined otherwise. */
  readonly aggregationSelectors: readonly unknown[] | undefined;
  /** The rules the object declares. */
  readonly declaredRules: readonly GrantedRule[];
  /** The input object; undefined for bootstrap roles. */
  readonly resource: Resource | undefined;
}

/** A RoleBinding (namespace set) or ClusterRoleBinding (namespace ''). */
export interface RbacBinding {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly roleRef: { readonly kind: string; readonly name: string };
  readonly subjects: readonly Subject[];
  /** The input object; undefined for bootstrap bindings. */
  readonly resource: Resource | undefined;
}

/** Options of {@link buildRbacModel}. */
export interface RbacModelOptions {
  /** Add the default roles and bindings of a fresh kubeadm cluster that the input does not define. */
  readonly bootstrap: boolean;
  /** The Kubernetes version's bootstrap table (`bootstrapPolicyFor`); the newest when left out. */
  readonly policy?: BootstrapPolicy;
}

/** The default: bootstrap roles on, as a real cluster always has them. */
export const DEFAULT_RBAC_OPTIONS: RbacModelOptions = { bootstrap: true };

/**
 * Every role and binding, indexed the way the authorizer visits them: ClusterRoleBindings, then
 * the RoleBindings of one namespace. Aggregated ClusterRoles carry their resolved rules.
 */
export interface RbacModel {
  readonly options: RbacModelOptions;
  readonly roles: ReadonlyMap<string, RbacRole>;
  /** Effective rules of every role: declared rules, or the aggregated union for aggregated ClusterRoles. */
  readonly rules: ReadonlyMap<RbacRole, readonly GrantedRule[]>;
  readonly clusterRoleBindings: readonly RbacBinding[];
  readonly roleBindings: ReadonlyMap<string, readonly RbacBinding[]>;
  /** Bindings in input order, then the bootstrap ones. */
  readonly bindings: readonly RbacBinding[];
  /** Problems found while resolving (aggregation that does not converge). */
  readonly problems: readonly string[];
}

/** The key of a role: `ClusterRole/name` or `Role/namespace/name`. */
function roleKey(kind: string, namespace: string, name: string): string {
  return kind === 'ClusterRole' ? `ClusterRole/${name}` : `${kind}/${namespace}/${name}`;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_KINDS = new Set(['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding']);

interface RbacObject {
  readonly kind: string;
  readonly namespace: string;
  readonly object: Mapping;
  readonly resource: Resource | undefined;
}

function metadataOf(object: Mapping): Mapping {
  return isRecord(object.metadata) ? object.metadata : {};
}

function nameOf(object: Mapping): string {
  const name = metadataOf(object).name;
  return typeof name === 'string' ? name : '';
}

function readRole(source: RbacObject): RbacRole {
  const { object } = source;
  const aggregation = isRecord(object.aggregationRule)
    ? object.aggregationRule.clusterRoleSelectors
    : undefined;
  const declared: GrantedRule[] = [];
  const role: RbacRole = {
    kind: source.kind === 'Role' ? 'Role' : 'ClusterRole',
    namespace: source.kind === 'Role' ? source.namespace : '',
    name: nameOf(object),
    labels: labelsOf(metadataOf(object).labels),
    aggregationSelectors:
      source.kind === 'ClusterRole' && isRecord(object.aggregationRule)
        ? Array.isArray(aggregation)
          ? aggregation
          : []
        : undefined,
    declaredRules: declared,
    resource: source.resource,
  };
  readPolicyRules(object.rules).forEach((rule, index) => declared.push({ rule, role, index }));
  return role;
}

function readBinding(source: RbacObject): RbacBinding {
  const { object } = source;
  const roleRef = isRecord(object.roleRef) ? object.roleRef : {};
  return {
    kind: source.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding',
    namespace: source.kind === 'RoleBinding' ? source.namespace : '',
    name: nameOf(object),
    labels: labelsOf(metadataOf(object).labels),
    roleRef: {
      kind: typeof roleRef.kind === 'string' ? roleRef.kind : '',
      name: typeof roleRef.name === 'string' ? roleRef.name : '',
    },
    subjects: readSubjects(object.subjects),
    resource: source.resource,
  };
}

function inputObjects(inventory: Inventory): RbacObject[] {
  const objects: RbacObject[] = [];
  for (const resource of inventory.resources) {
    if (!RBAC_KINDS.has(resource.kind) || apiGroup(resource.apiVersion) !== RBAC_GROUP) continue;
    objects.push({
      kind: resource.kind,
      namespace: namespaceOf(inventory, resource),
      object: resource.object,
      resource,
    });
  }
  return objects;
}

function bootstrapSources(policy: BootstrapPolicy | undefined): RbacObject[] {
  const chosen = policy ?? BOOTSTRAP_POLICIES.at(-1);
  if (chosen === undefined) return [];
  return bootstrapObjects(chosen).map((object) => ({
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    object: object as unknown as Mapping,
    resource: undefined,
  }));
}

/**
 * Indexes the RBAC objects of an inventory. With `bootstrap`, the default roles and bindings are
 * added unless the input defines one of the same kind, namespace and name (the input wins, as an
 * edited default role does in a cluster). Objects outside `rbac.authorization.k8s.io` are ignored.
 */
export function buildRbacModel(
  inventory: Inventory,
  options: RbacModelOptions = DEFAULT_RBAC_OPTIONS,
): RbacModel {
  const roles = new Map<string, RbacRole>();
  const bindings: RbacBinding[] = [];
  const bindingKeys = new Set<string>();
  const sources = [
    ...inputObjects(inventory),
    ...(options.bootstrap ? bootstrapSources(options.policy) : []),
  ];
  for (const source of sources) {
    if (source.kind === 'Role' || source.kind === 'ClusterRole') {
      const role = readRole(source);
      const key = roleKey(role.kind, role.namespace, role.name);
      if (!roles.has(key)) roles.set(key, role);
      continue;
    }
    const binding = readBinding(source);
    const key = `${binding.kind}/${binding.namespace}/${binding.name}`;
    if (source.resource === undefined && bindingKeys.has(key)) continue;
    bindingKeys.add(key);
    bindings.push(binding);
  }
  const clusterRoleBindings: RbacBinding[] = [];
  const roleBindings = new Map<string, RbacBinding[]>();
  for (const binding of bindings) {
    if (binding.kind === 'ClusterRoleBinding') {
      clusterRoleBindings.push(binding);
      continue;
    }
    let list = roleBindings.get(binding.namespace);
    if (!list) roleBindings.set(binding.namespace, (list = []));
    list.push(binding);
  }
  const { rules, problems } = aggregateClusterRoles([...roles.values()]);
  return { options, roles, rules, clusterRoleBindings, roleBindings, bindings, problems };
}

/**
 * The role a binding refers to: a RoleBinding may name a Role of its namespace or a ClusterRole; a
 * ClusterRoleBinding only a ClusterRole. Undefined when the role does not exist (a dangling
 * binding grants nothing) or the reference is invalid.
 */
export function roleOf(model: RbacModel, binding: RbacBinding): RbacRole | undefined {
  let roles = bindingRoles.get(model);
  if (!roles) bindingRoles.set(model, (roles = new Map<RbacBinding, RbacRole | undefined>()));
  if (roles.has(binding)) return roles.get(binding);
  const role = referencedRole(model, binding);
  roles.set(binding, role);
  return role;
}

/** Each model's bindings' roles, looked up once: the rbac checks ask again for every binding. */
const bindingRoles = new WeakMap<RbacModel, Map<RbacBinding, RbacRole | undefined>>();

function referencedRole(model: RbacModel, binding: RbacBinding): RbacRole | undefined {
  const { kind, name } = binding.roleRef;
  if (kind === 'ClusterRole') return model.roles.get(roleKey('ClusterRole', '', name));
  if (kind === 'Role' && binding.kind === 'RoleBinding')
    return model.roles.get(roleKey('Role', binding.namespace, name));
  return undefined;
}

/** The effective rules of a role (empty for an unknown role). */
export function rulesOf(model: RbacModel, role: RbacRole | undefined): readonly GrantedRule[] {
  return role === undefined ? [] : (model.rules.get(role) ?? []);
}

/** `ClusterRole edit`, `Role ns/name`, `RoleBinding ns/name`, `ClusterRoleBinding name`. */
export function describeObject(object: {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}): string {
  return object.namespace === ''
    ? `${object.kind} ${object.name}`
    : `${object.kind} ${object.namespace}/${object.name}`;
}

/** True for default objects: bootstrap data, or labelled `kubernetes.io/bootstrapping: rbac-defaults`. */
export function isDefaultObject(object: RbacRole | RbacBinding): boolean {
  return object.resource === undefined || object.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}
