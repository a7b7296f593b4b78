// who-can: the bindings the authorizer would visit (rule.go VisitRulesFor) and kubectl-who-can's
// output shape (aquasecurity/kubectl-who-can: RoleBindings then ClusterRoleBindings sections).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { buildRbacModel } from './model.ts';
import { renderWhoCan } from '../render/rbac/who-can.ts';
import { parseRequest } from './resources.ts';
import { whoCan } from './who-can.ts';

const inventoryFromYaml = (text: string): Inventory =>
  buildInventory(loadSources([{ file: 'rbac.yaml', text, format: 'yaml', named: true }]).resources);

const model = buildRbacModel(
  inventoryFromYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [pods, nodes], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: a-readers, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects: [{kind: ServiceAccount, name: app}, {kind: User, name: alice}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b-readers, namespace: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects: [{kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: nobody}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
`),
  { bootstrap: false },
);

describe('whoCan', () => {
  it('consults only the RoleBindings of the request namespace', () => {
    const result = whoCan(model, parseRequest('get', 'pods', 'a'), { namespace: 'a' });
    assert.deepEqual(
      result.roleBindings.map((entry) => `${entry.binding.name} ${entry.subject.name}`),
      ['a-readers app', 'a-readers alice'],
    );
    assert.deepEqual(result.clusterRoleBindings, []);
  });
  it('consults every namespace with allNamespaces', () => {
    const result = whoCan(model, parseRequest('get', 'pods', 'a'), { allNamespaces: true });
    assert.equal(result.roleBindings.length, 3);
  });
  it('gives nothing through RoleBindings for a cluster-scoped resource', () => {
    const request = parseRequest('get', 'nodes', 'a');
    assert.deepEqual(whoCan(model, request, { namespace: '' }).roleBindings, []);
  });
  it('prints kubectl-who-can sections', () => {
    const request = parseRequest('get', 'pods', 'a');
    assert.equal(
      renderWhoCan(request, whoCan(model, request, { namespace: 'a' }), false),
      'ROLEBINDING  NAMESPACE  SUBJECT  TYPE            SA-NAMESPACE\n' +
        'a-readers    a          app      ServiceAccount  a\n' +
        'a-readers    a          alice    User\n' +
        '\n' +
        'No subjects found with permissions to get pods assigned through ClusterRoleBindings\n',
    );
  });
});
