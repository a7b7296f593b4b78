import type { Inventory } from '../model/inventory.ts';
import { namespaceOf, ofKind } from '../model/inventory.ts';
import { hasOwner } from '../model/owner.ts';
import type { Workload } from '../model/workload.ts';
import { serviceAccountOf } from './attack-paths.ts';
import type { RbacModel, RbacRole } from './model.ts';
import { roleOf, rulesOf } from './model.ts';
import type { ResourceRequest } from './request.ts';
import { resourceRequest } from './request.ts';
import type { PolicyRule } from './policy-rule.ts';
import { ruleAllows } from './rule-allows.ts';
import { identityOf, serviceAccountUsername, subjectNames } from './subject.ts';

const WRITES = ['create', 'update', 'patch'] as const;

const writesOf = (resource: string, apiGroup: string): ResourceRequest[] =>
  WRITES.map((verb) => resourceRequest(verb, resource, { apiGroup }));

/**
 * Creating, updating or patching a workload controller (Deployment, DaemonSet, StatefulSet,
 * ReplicaSet, Job, CronJob, ReplicationController): its pods run the template written.
 */
export const POD_CONTROLLER_WRITES: readonly ResourceRequest[] = [
  ...writesOf('deployments', 'apps'),
  ...writesOf('daemonsets', 'apps'),
  ...writesOf('statefulsets', 'apps'),
  ...writesOf('replicasets', 'apps'),
  ...writesOf('jobs', 'batch'),
  ...writesOf('cronjobs', 'batch'),
  ...writesOf('replicationcontrollers', ''),
];

/**
 * The writes that put pods, with labels of the writer's choosing, in a namespace; a rule's match
 * does not depend on the namespace, only its binding's scope.
 */
const POD_WRITES: readonly ResourceRequest[] = [...writesOf('pods', ''), ...POD_CONTROLLER_WRITES];

const answers = new WeakMap<RbacModel, (namespace: string) => Workload | undefined>();

/**
 * The workload of the inventory, if any, whose ServiceAccount may create, update or patch pods or
 * the controllers that make them (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs,
 * CronJobs, ReplicationControllers) in `namespace` by a rule that names them: an operator. Pods it
 * makes carry labels the manifests do not show, so what selects no pod in the manifests may select
 * its pods at run time. None when the input lists the namespace's running pods (a Pod made by a
 * controller, as in a cluster dump): those are what runs. Worked out once per model, binding by
 * binding: a ClusterRoleBinding grants in every namespace, a RoleBinding in its own.
 */
export function podWriterIn(model: RbacModel, inventory: Inventory, namespace: string): Workload | undefined {
  let answer = answers.get(model);
  if (!answer) answers.set(model, (answer = podWriters(model, inventory)));
  return answer(namespace);
}

function podWriters(model: RbacModel, inventory: Inventory): (namespace: string) => Workload | undefined {
  const users = new Map<string, Workload>();
  const groups = new Map<string, Workload>();
  for (const workload of inventory.workloads) {
    const user = serviceAccountUsername(workload.namespace, serviceAccountOf(workload).serviceAccount);
    if (users.has(user)) continue;
    users.set(user, workload);
    for (const group of identityOf(user).groups) if (!groups.has(group)) groups.set(group, workload);
  }
  let everywhere: Workload | undefined;
  const inNamespace = new Map<string, Workload>();
  const writesPods = new Map<RbacRole, boolean>();
  for (const binding of model.bindings) {
    if (binding.namespace === '' ? everywhere !== undefined : inNamespace.has(binding.namespace)) continue;
    let workload: Workload | undefined;
    for (const subject of binding.subjects) {
      const names = subjectNames(subject, binding.namespace);
      workload = names && ('user' in names ? users.get(names.user) : groups.get(names.group));
      if (workload) break;
    }
    if (workload === undefined) continue;
    const role = roleOf(model, binding);
    if (role === undefined) continue;
    let writes = writesPods.get(role);
    if (writes === undefined) {
      writesPods.set(role, (writes = rulesOf(model, role).some(({ rule }) => namesAPodWrite(rule))));
    }
    if (!writes) continue;
    if (binding.namespace === '') everywhere = workload;
    else inNamespace.set(binding.namespace, workload);
  }
  const listed = new Set<string>();
  for (const pod of ofKind(inventory, 'Pod')) if (hasOwner(pod)) listed.add(namespaceOf(inventory, pod));
  return (namespace) => (listed.has(namespace) ? undefined : (everywhere ?? inNamespace.get(namespace)));
}

/**
 * Whether a rule allows a write of a pod maker that it names: a component made to run pods of its
 * own asks for them by name. A rule over every resource (`*`) is a deployment tool's or an
 * administrator's, and what it applies is manifests like the ones read, so it does not count.
 */
function namesAPodWrite(rule: PolicyRule): boolean {
  return POD_WRITES.some((request) => rule.resources.includes(request.resource) && ruleAllows(rule, request));
}
