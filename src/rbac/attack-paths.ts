import type { Inventory } from '../model/inventory.ts';
import { find } from '../model/inventory.ts';
import { podWorkloads } from '../model/operators/operator-pods.ts';
import type { FieldPath } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import { isStaticPod } from '../model/static-pod.ts';
import type { Resource } from '../model/resource.ts';
import type { Workload } from '../model/workload.ts';
import type { Grant } from './authorize.ts';
import { authorize, bindingAllows, bindingsFor } from './authorize.ts';
import type { RbacModel } from './model.ts';
import { describeObject } from './model.ts';
import type { ResourceRequest } from './request.ts';
import { describeRequest, resourceRequest } from './request.ts';
import type { UserInfo } from './subject.ts';
import { identityOf, MASTERS_GROUP, serviceAccountUsername, subjectNames } from './subject.ts';

/** The identity a workload's pods run as, and whether its token reaches the containers. */
export interface WorkloadIdentity {
  readonly workload: Workload;
  readonly serviceAccount: string;
  /** The ServiceAccount object, when the input has it. */
  readonly serviceAccountResource: Resource | undefined;
  /**
   * The pod's `automountServiceAccountToken`, else the ServiceAccount's, else true; false for a static
   * pod, which gets no token (the ServiceAccount admission plugin forbids a mirror pod to reference a
   * ServiceAccount: kubernetes/kubernetes plugin/pkg/admission/serviceaccount/admission.go).
   */
  readonly tokenMounted: boolean;
  readonly user: UserInfo;
  /** Path (relative to the pod spec) of the field that names the ServiceAccount, `[]` when defaulted. */
  readonly path: FieldPath;
}

/** A goal an attacker holding the identity can reach, with the grants that give it. */
export interface Escalation {
  readonly goal: string;
  /** One grant per request the goal needs, in order. */
  readonly grants: readonly { readonly request: ResourceRequest; readonly grant: Grant }[];
}

/** What compromising one workload yields. */
export interface AttackPath {
  readonly identity: WorkloadIdentity;
  readonly escalations: readonly Escalation[];
}

/**
 * The ServiceAccount of a workload: `serviceAccountName`, else the deprecated `serviceAccount`,
 * else `default`. The token is mounted unless the pod says `automountServiceAccountToken: false`, or
 * the pod is silent and the ServiceAccount says false (the pod's setting wins).
 */
export function workloadIdentity(inventory: Inventory, workload: Workload): WorkloadIdentity {
  const { serviceAccount, path } = serviceAccountOf(workload);
  const serviceAccountResource = find(inventory, 'ServiceAccount', workload.namespace, serviceAccount);
  const accountSetting = serviceAccountResource?.object.automountServiceAccountToken;
  const podSetting = workload.podSpec.automountServiceAccountToken;
  const tokenMounted = isStaticPod(inventory, workload.resource)
    ? false
    : typeof podSetting === 'boolean'
      ? podSetting
      : typeof accountSetting === 'boolean'
        ? accountSetting
        : true;
  return {
    workload,
    serviceAccount,
    serviceAccountResource:
      serviceAccountResource && isRecord(serviceAccountResource.object) ? serviceAccountResource : undefined,
    tokenMounted,
    user: userOf(workload.namespace, serviceAccount),
    path,
  };
}

/** The ServiceAccount a workload names and the path of the field naming it (`[]` when defaulted). */
export function serviceAccountOf(workload: Workload): {
  readonly serviceAccount: string;
  readonly path: FieldPath;
} {
  const { podSpec } = workload;
  if (typeof podSpec.serviceAccountName === 'string' && podSpec.serviceAccountName !== '')
    return { serviceAccount: podSpec.serviceAccountName, path: ['serviceAccountName'] };
  if (typeof podSpec.serviceAccount === 'string' && podSpec.serviceAccount !== '')
    return { serviceAccount: podSpec.serviceAccount, path: ['serviceAccount'] };
  return { serviceAccount: 'default', path: [] };
}

function userOf(namespace: string, serviceAccount: string): UserInfo {
  return identityOf(serviceAccountUsername(namespace, serviceAccount));
}

/** Goals equivalent to cluster-admin: each needs every request of its list. */
const GOALS: readonly { readonly goal: string; readonly requests: readonly ResourceRequest[] }[] = [
  {
    goal: 'create pods in kube-system',
    requests: [resourceRequest('create', 'pods', { namespace: 'kube-system' })],
  },
  { goal: 'read secrets in every namespace', requests: [resourceRequest('list', 'secrets')] },
  {
    goal: 'bind cluster-admin',
    requests: [
      resourceRequest('create', 'clusterrolebindings', { apiGroup: 'rbac.authorization.k8s.io' }),
      resourceRequest('bind', 'clusterroles', {
        apiGroup: 'rbac.authorization.k8s.io',
        name: 'cluster-admin',
      }),
    ],
  },
  {
    goal: 'impersonate group system:masters',
    requests: [resourceRequest('impersonate', 'groups', { name: 'system:masters' })],
  },
];

/** The cluster-admin-equivalent goals an identity reaches, with the grant for each request. */
export function escalationsOf(model: RbacModel, user: UserInfo): readonly Escalation[] {
  const escalations: Escalation[] = [];
  for (const { goal, requests } of GOALS) {
    const grants: { request: ResourceRequest; grant: Grant }[] = [];
    for (const request of requests) {
      const grant = authorize(model, user, request).grant;
      if (grant === undefined) break;
      grants.push({ request, grant });
    }
    if (grants.length === requests.length) escalations.push({ goal, grants });
  }
  return escalations;
}

/**
 * For every workload (and every set of pods an operator creates from a custom resource, see
 * podWorkloads): its identity and the cluster-admin-equivalent goals it reaches. Identities
 * that the same bindings name, through the same subjects, get the same answer, computed once.
 */
export function attackPaths(model: RbacModel, inventory: Inventory): readonly AttackPath[] {
  const bySubjects = new Map<string, readonly Escalation[]>();
  return podWorkloads(inventory).map((workload) => {
    const identity = workloadIdentity(inventory, workload);
    return { identity, escalations: escalationsFor(model, identity.user, bySubjects) };
  });
}

/**
 * The attack paths that reach a goal: {@link attackPaths} without the workloads whose identity no
 * binding able to grant a goal's request names (most of them), which are left out before their
 * ServiceAccount is looked up.
 */
export function reachingAttackPaths(model: RbacModel, inventory: Inventory): readonly AttackPath[] {
  const bySubjects = new Map<string, readonly Escalation[]>();
  const paths: AttackPath[] = [];
  for (const workload of podWorkloads(inventory)) {
    const { serviceAccount } = serviceAccountOf(workload);
    if (!mayReachGoal(model, userOf(workload.namespace, serviceAccount))) continue;
    const identity = workloadIdentity(inventory, workload);
    const escalations = escalationsFor(model, identity.user, bySubjects);
    if (escalations.length > 0) paths.push({ identity, escalations });
  }
  return paths;
}

function escalationsFor(
  model: RbacModel,
  user: UserInfo,
  bySubjects: Map<string, readonly Escalation[]>,
): readonly Escalation[] {
  const key = subjectsKey(model, user);
  let escalations = bySubjects.get(key);
  if (!escalations) bySubjects.set(key, (escalations = escalationsOf(model, user)));
  return escalations;
}

/**
 * Whether a user may reach a goal at all: a member of system:masters, or named by a binding that
 * allows one of the goals' requests (every grant `authorize` finds is such a binding's).
 */
function mayReachGoal(model: RbacModel, user: UserInfo): boolean {
  if (user.groups.includes(MASTERS_GROUP)) return true;
  const { users, groups } = goalSubjectsOf(model);
  return users.has(user.name) || user.groups.some((group) => groups.has(group));
}

/** The users (ServiceAccounts by username) and groups that bindings able to grant a goal's request name. */
interface GoalSubjects {
  readonly users: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
}

const goalSubjects = new WeakMap<RbacModel, GoalSubjects>();

function goalSubjectsOf(model: RbacModel): GoalSubjects {
  const known = goalSubjects.get(model);
  if (known) return known;
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const { requests } of GOALS)
    for (const request of requests)
      for (const binding of bindingsFor(model, request.namespace)) {
        if (bindingAllows(model, binding, request) === undefined) continue;
        for (const subject of binding.subjects) {
          const names = subjectNames(subject, binding.namespace);
          if (names === undefined) continue;
          if ('user' in names) users.add(names.user);
          else groups.add(names.group);
        }
      }
  const found = { users, groups };
  goalSubjects.set(model, found);
  return found;
}

/** The namespaces the goals' requests are in ('' for cluster-wide). */
const GOAL_NAMESPACES = [...new Set(GOALS.flatMap(({ requests }) => requests.map((r) => r.namespace)))];

/**
 * What `authorize` reads of a user for the goals' requests: membership of system:masters, and for
 * each binding it consults, the first subject naming the user. Equal keys, equal decisions.
 */
function subjectsKey(model: RbacModel, user: UserInfo): string {
  if (user.groups.includes(MASTERS_GROUP)) return MASTERS_GROUP;
  const parts: string[] = [];
  for (const namespace of GOAL_NAMESPACES) {
    parts.push(namespace);
    const index = subjectIndexOf(model, namespace);
    let first = firstPlaces(undefined, index.users.get(user.name));
    for (const group of user.groups) first = firstPlaces(first, index.groups.get(group));
    if (first === undefined) continue;
    for (const binding of [...first.keys()].sort((a, b) => a - b))
      parts.push(`${String(binding)}:${String(first.get(binding))}`);
  }
  return parts.join(',');
}

/** Adds places to the first subject per binding (made on the first place: most users have none). */
function firstPlaces(
  first: Map<number, number> | undefined,
  places: readonly SubjectPlace[] | undefined,
): Map<number, number> | undefined {
  for (const [binding, subject] of places ?? []) {
    first ??= new Map<number, number>();
    if ((first.get(binding) ?? subject + 1) > subject) first.set(binding, subject);
  }
  return first;
}

/** A subject's place: the index of its binding in `bindingsFor`, and its own index in the binding. */
type SubjectPlace = readonly [binding: number, subject: number];

/**
 * Where the bindings `authorize` consults in a namespace name each user (a User, or the username of a
 * ServiceAccount) and each group, in binding then subject order: `subjectAppliesTo` turned around.
 */
interface SubjectIndex {
  readonly users: ReadonlyMap<string, readonly SubjectPlace[]>;
  readonly groups: ReadonlyMap<string, readonly SubjectPlace[]>;
}

const subjectIndexes = new WeakMap<RbacModel, Map<string, SubjectIndex>>();

function subjectIndexOf(model: RbacModel, namespace: string): SubjectIndex {
  let byNamespace = subjectIndexes.get(model);
  if (!byNamespace) subjectIndexes.set(model, (byNamespace = new Map<string, SubjectIndex>()));
  let index = byNamespace.get(namespace);
  if (index) return index;
  const users = new Map<string, SubjectPlace[]>();
  const groups = new Map<string, SubjectPlace[]>();
  const add = (names: Map<string, SubjectPlace[]>, name: string, place: SubjectPlace): void => {
    const places = names.get(name);
    if (places) places.push(place);
    else names.set(name, [place]);
  };
  bindingsFor(model, namespace).forEach((binding, i) => {
    binding.subjects.forEach((subject, j) => {
      const names = subjectNames(subject, binding.namespace);
      if (names === undefined) return;
      if ('user' in names) add(users, names.user, [i, j]);
      else add(groups, names.group, [i, j]);
    });
  });
  byNamespace.set(namespace, (index = { users, groups }));
  return index;
}

/**
 * The chain of one escalation, e.g. `Deployment web → ServiceAccount web/web → RoleBinding web/x →
 * ClusterRole y: create pods`; several grants are joined with ` + `.
 */
export function describeChain(identity: WorkloadIdentity, escalation: Escalation): string {
  const head = `${identity.workload.resource.kind} ${identity.workload.resource.name} → ServiceAccount ${identity.workload.namespace}/${identity.serviceAccount}`;
  const links = escalation.grants.map(
    ({ request, grant }) =>
      `${describeObject(grant.binding)} → ${describeObject(grant.role)}: ${describeRequest(request)}`,
  );
  return `${head} → ${links.join(' + ')}`;
}
