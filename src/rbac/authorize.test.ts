// Binding resolution and identities, against kubernetes/kubernetes pkg/registry/rbac/validation/rule.go
// (VisitRulesFor, appliesToUser), plugin/pkg/auth/authorizer/rbac/rbac.go, the implicit groups of
// staging/src/k8s.io/apiserver/pkg/authentication (user.AllAuthenticated, serviceaccount.MakeGroupNames),
// and pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { authorize } from './authorize.ts';
import { buildRbacModel } from './model.ts';
import { parseRequest } from './resources.ts';
import { identityOf } from './subject.ts';

const inventoryFromYaml = (text: string): Inventory =>
  buildInventory(loadSources([{ file: 'rbac.yaml', text, format: 'yaml', named: true }]).resources);

const CLUSTER = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
- {apiGroups: [""], resources: [nodes], verbs: [get]}
- {nonResourceURLs: ["/metrics"], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {kind: ServiceAccount, name: ci}
- {kind: User, name: alice}
- {kind: Group, name: "system:serviceaccounts:team-c"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects:
- {kind: ServiceAccount, name: no-namespace}
- {kind: User, name: scraper}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secrets, namespace: team-b}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: secrets, namespace: team-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secrets}
subjects:
- {kind: Group, name: "system:authenticated"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dangling, namespace: team-b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}
subjects:
- {kind: User, name: bob}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ns-admin}
rules:
- {apiGroups: [""], resources: [namespaces], verbs: [patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ns-admin, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ns-admin}
subjects:
- {kind: User, name: carol}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: base, labels: {example.com/aggregate-to-top: "true"}}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: middle, labels: {example.com/aggregate-to-top: "true"}}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-middle: "true"}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: leaf, labels: {example.com/aggregate-to-middle: "true"}}
rules:
- {apiGroups: [batch], resources: [jobs], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: top}
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {example.com/aggregate-to-top: "true"}
rules:
- {apiGroups: [""], resources: [secrets], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: top}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: top}
subjects:
- {kind: User, name: dave}
`;

const model = buildRbacModel(inventoryFromYaml(CLUSTER), { bootstrap: false });
const can = (
  user: string,
  verb: string,
  target: string,
  namespace: string,
  groups: readonly string[] = [],
  name = '',
): boolean => authorize(model, identityOf(user, groups), parseRequest(verb, target, namespace, name)).allowed;

const CASES: readonly {
  name: string;
  user: string;
  groups?: string[];
  verb: string;
  target: string;
  namespace: string;
  resourceName?: string;
  allowed: boolean;
}[] = [
  {
    name: 'RoleBinding SA subject defaults to the binding namespace (appliesToUser)',
    user: 'system:serviceaccount:team-a:ci',
    verb: 'get',
    target: 'pods',
    namespace: 'team-a',
    allowed: true,
  },
  {
    name: 'RoleBinding SA subject does not name the SA of another namespace',
    user: 'system:serviceaccount:team-b:ci',
    verb: 'get',
    target: 'pods',
    namespace: 'team-a',
    allowed: false,
  },
  {
    name: 'RoleBinding → ClusterRole applies in the binding namespace',
    user: 'alice',
    verb: 'list',
    target: 'pods',
    namespace: 'team-a',
    allowed: true,
  },
  {
    name: 'RoleBinding → ClusterRole does not apply in other namespaces',
    user: 'alice',
    verb: 'list',
    target: 'pods',
    namespace: 'team-b',
    allowed: false,
  },
  {
    name: 'RoleBinding → ClusterRole grants no cluster-scoped resource',
    user: 'alice',
    verb: 'get',
    target: 'nodes',
    namespace: 'team-a',
    allowed: false,
  },
  {
    name: 'RoleBinding → ClusterRole grants no nonResourceURL',
    user: 'alice',
    verb: 'get',
    target: '/metrics',
    namespace: 'team-a',
    allowed: false,
  },
  {
    name: 'ClusterRoleBinding grants nonResourceURLs',
    user: 'scraper',
    verb: 'get',
    target: '/metrics',
    namespace: '',
    allowed: true,
  },
  {
    name: 'ClusterRoleBinding grants cluster-scoped resources',
    user: 'scraper',
    verb: 'get',
    target: 'nodes',
    namespace: '',
    allowed: true,
  },
  {
    name: 'ClusterRoleBinding grants in every namespace',
    user: 'scraper',
    verb: 'get',
    target: 'pods',
    namespace: 'anywhere',
    allowed: true,
  },
  {
    name: 'ClusterRoleBinding SA subject without namespace never matches',
    user: 'system:serviceaccount:default:no-namespace',
    verb: 'get',
    target: 'pods',
    namespace: 'default',
    allowed: false,
  },
  {
    name: 'User subjects are case-sensitive',
    user: 'Alice',
    verb: 'list',
    target: 'pods',
    namespace: 'team-a',
    allowed: false,
  },
  {
    name: 'Group system:serviceaccounts:<ns> holds every SA of that namespace',
    user: 'system:serviceaccount:team-c:any',
    verb: 'get',
    target: 'pods',
    namespace: 'team-a',
    allowed: true,
  },
  {
    name: 'Group system:serviceaccounts:<ns> holds no user',
    user: 'eve',
    verb: 'get',
    target: 'pods',
    namespace: 'team-a',
    allowed: false,
  },
  {
    name: 'Group system:authenticated holds every user',
    user: 'eve',
    verb: 'get',
    target: 'secrets',
    namespace: 'team-b',
    allowed: true,
  },
  {
    name: 'Group system:authenticated holds every ServiceAccount',
    user: 'system:serviceaccount:x:y',
    verb: 'get',
    target: 'secrets',
    namespace: 'team-b',
    allowed: true,
  },
  {
    name: 'system:anonymous is not in system:authenticated',
    user: 'system:anonymous',
    verb: 'get',
    target: 'secrets',
    namespace: 'team-b',
    allowed: false,
  },
  {
    name: 'system:masters bypasses RBAC',
    user: 'root',
    groups: ['system:masters'],
    verb: 'delete',
    target: 'nodes',
    namespace: '',
    allowed: true,
  },
  {
    name: 'a dangling roleRef grants nothing',
    user: 'bob',
    verb: 'delete',
    target: 'secrets',
    namespace: 'team-b',
    allowed: false,
  },
  {
    name: 'a RoleBinding may patch its own Namespace object',
    user: 'carol',
    verb: 'patch',
    target: 'namespaces',
    namespace: '',
    resourceName: 'team-a',
    allowed: true,
  },
  {
    name: 'a RoleBinding may not patch another Namespace',
    user: 'carol',
    verb: 'patch',
    target: 'namespaces',
    namespace: '',
    resourceName: 'team-b',
    allowed: false,
  },
  {
    name: 'aggregation: rules of a directly selected role',
    user: 'dave',
    verb: 'get',
    target: 'deployments',
    namespace: 'x',
    allowed: true,
  },
  {
    name: 'aggregation: chained roles reach a fixpoint',
    user: 'dave',
    verb: 'create',
    target: 'jobs',
    namespace: 'x',
    allowed: true,
  },
  {
    name: "aggregation: the aggregated role's own rules are replaced",
    user: 'dave',
    verb: 'get',
    target: 'secrets',
    namespace: 'x',
    allowed: false,
  },
];

describe('authorize (rule.go VisitRulesFor / appliesToUser)', () => {
  for (const testCase of CASES) {
    it(`${testCase.name} → ${testCase.allowed ? 'allowed' : 'denied'}`, () => {
      assert.equal(
        can(
          testCase.user,
          testCase.verb,
          testCase.target,
          testCase.namespace,
          testCase.groups ?? [],
          testCase.resourceName ?? '',
        ),
        testCase.allowed,
      );
    });
  }

  it('names the grant: binding, subject, role and rule index', () => {
    const decision = authorize(
      model,
      identityOf('system:serviceaccount:team-a:ci'),
      parseRequest('list', 'pods', 'team-a'),
    );
    assert.equal(decision.grant?.binding.name, 'read-pods');
    assert.equal(decision.grant?.subject.name, 'ci');
    assert.equal(decision.grant?.role.name, 'pod-reader');
    assert.equal(decision.grant?.rule.index, 0);
  });

  it('identityOf adds the implicit groups of a ServiceAccount', () => {
    assert.deepEqual(identityOf('system:serviceaccount:ns:sa').groups, [
      'system:serviceaccounts',
      'system:serviceaccounts:ns',
      'system:authenticated',
    ]);
    assert.deepEqual(identityOf('system:anonymous').groups, ['system:unauthenticated']);
    assert.deepEqual(identityOf('alice', ['devs']).groups, ['devs', 'system:authenticated']);
  });
});

describe('bootstrap switch', () => {
  const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: erin}]
`;
  const request = parseRequest('create', 'pods/exec', 'app');
  it('the default edit role resolves when the input lacks it', () => {
    const withDefaults = buildRbacModel(inventoryFromYaml(yaml), { bootstrap: true });
    assert.equal(authorize(withDefaults, identityOf('erin'), request).allowed, true);
  });
  it('without bootstrap roles the binding dangles', () => {
    const without = buildRbacModel(inventoryFromYaml(yaml), { bootstrap: false });
    assert.equal(authorize(without, identityOf('erin'), request).allowed, false);
  });
  it('an input role of the same name replaces the default one', () => {
    const edited = `${yaml}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: edit}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
`;
    const model2 = buildRbacModel(inventoryFromYaml(edited), { bootstrap: true });
    assert.equal(authorize(model2, identityOf('erin'), request).allowed, false);
  });
});
