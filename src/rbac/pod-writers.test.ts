// Which workloads may put pods of their own making in a namespace. Writing pods or the controllers
// that make them is "workload creation" in the Kubernetes RBAC good practices
// (docs/concepts/security/rbac-good-practices.md); the grant is decided by the RBAC authorizer
// (plugin/pkg/auth/authorizer/rbac/rbac.go), subjects matched as rule.go appliesToUser does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { rbacModelOf } from './cache.ts';
import { podWriterIn } from './pod-writers.ts';

/** The namespaces of `namespaces` where a workload of `yaml` may write pods, with that workload. */
function writers(yaml: string, namespaces: readonly string[]): Record<string, string | undefined> {
  const inventory = buildInventory(
    loadSources([{ file: 'writers.yaml', text: yaml, format: 'yaml', named: true }]).resources,
  );
  const model = rbacModelOf(inventory);
  return Object.fromEntries(
    namespaces.map((namespace) => {
      const writer = podWriterIn(model, inventory, namespace);
      return [namespace, writer && `${writer.resource.kind} ${writer.namespace}/${writer.resource.name}`];
    }),
  );
}

const manager = (serviceAccount = 'manager'): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: manager, namespace: ops}
spec:
  selector: {matchLabels: {app: manager}}
  template:
    metadata: {labels: {app: manager}}
    spec:
      serviceAccountName: ${serviceAccount}
      containers: [{name: manager, image: manager:1}]
`;

const clusterGrant = (rule: string, subject: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: writer}
rules: [${rule}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: writer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: writer}
subjects: [${subject}]
`;

const MANAGER_ACCOUNT = '{kind: ServiceAccount, name: manager, namespace: ops}';

describe('podWriterIn', () => {
  it('finds a workload that may create pods in every namespace through a ClusterRoleBinding', () => {
    const yaml = `${manager()}---${clusterGrant("{apiGroups: [''], resources: [pods], verbs: [create]}", MANAGER_ACCOUNT)}`;
    assert.deepEqual(writers(yaml, ['ops', 'apps']), {
      ops: 'Deployment ops/manager',
      apps: 'Deployment ops/manager',
    });
  });

  it('counts creating or updating a controller (its template) and patching a pod (its labels), by a rule naming them', () => {
    for (const rule of [
      '{apiGroups: [apps], resources: [statefulsets], verbs: [update]}',
      '{apiGroups: [batch], resources: [cronjobs], verbs: [create]}',
      "{apiGroups: [''], resources: [replicationcontrollers], verbs: [patch]}",
      "{apiGroups: [''], resources: [pods], verbs: [patch]}",
      "{apiGroups: ['*'], resources: [pods], verbs: ['*']}",
    ]) {
      const yaml = `${manager()}---${clusterGrant(rule, MANAGER_ACCOUNT)}`;
      assert.deepEqual(writers(yaml, ['apps']), { apps: 'Deployment ops/manager' }, rule);
    }
  });

  it('does not count reading or deleting pods, nor writing other resources or subresources', () => {
    for (const rule of [
      "{apiGroups: [''], resources: [pods], verbs: [get, list, watch, delete]}",
      "{apiGroups: [''], resources: [pods/exec, pods/eviction], verbs: [create]}",
      "{apiGroups: [''], resources: [services, configmaps], verbs: [create, update, patch]}",
      '{apiGroups: [extensions], resources: [deployments], verbs: [create]}',
    ]) {
      const yaml = `${manager()}---${clusterGrant(rule, MANAGER_ACCOUNT)}`;
      assert.deepEqual(writers(yaml, ['apps']), { apps: undefined }, rule);
    }
  });

  it('does not count a rule over every resource: a deployment tool applies manifests like the ones read', () => {
    for (const rule of [
      "{apiGroups: ['*'], resources: ['*'], verbs: ['*']}",
      "{apiGroups: [apps], resources: ['*'], verbs: [create]}",
    ]) {
      const yaml = `${manager()}---${clusterGrant(rule, MANAGER_ACCOUNT)}`;
      assert.deepEqual(writers(yaml, ['apps']), { apps: undefined }, rule);
    }
  });

  it('limits a RoleBinding to its own namespace', () => {
    const yaml = `${manager()}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: writer, namespace: jobs}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [${MANAGER_ACCOUNT}]
`;
    assert.deepEqual(writers(yaml, ['jobs', 'ops']), { jobs: 'Deployment ops/manager', ops: undefined });
  });

  it('matches a workload through the groups of its ServiceAccount', () => {
    const yaml = `${manager()}---${clusterGrant(
      "{apiGroups: [''], resources: [pods], verbs: [create]}",
      '{kind: Group, name: "system:serviceaccounts:ops"}',
    )}`;
    assert.deepEqual(writers(yaml, ['apps']), { apps: 'Deployment ops/manager' });
  });

  it('ignores grants to a ServiceAccount that no workload of the input runs as', () => {
    const yaml = `${manager('reader')}---${clusterGrant("{apiGroups: [''], resources: [pods], verbs: [create]}", MANAGER_ACCOUNT)}`;
    assert.deepEqual(writers(yaml, ['apps']), { apps: undefined });
  });

  it('finds none in a namespace whose running pods the input lists (a cluster dump)', () => {
    const yaml = `${manager()}---${clusterGrant("{apiGroups: [''], resources: [pods], verbs: [create]}", MANAGER_ACCOUNT)}---
apiVersion: v1
kind: Pod
metadata:
  name: instance-1
  namespace: apps
  ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, uid: 1a2b, controller: true}]
spec: {containers: [{name: c, image: c:1}]}
`;
    assert.deepEqual(writers(yaml, ['apps', 'ops']), { apps: undefined, ops: 'Deployment ops/manager' });
  });
});
