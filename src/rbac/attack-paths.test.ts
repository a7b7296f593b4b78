// Workload identities and attack paths. Token mounting follows the ServiceAccount admission plugin
// (plugin/pkg/admission/serviceaccount/admission.go: the pod's automountServiceAccountToken wins over
// the ServiceAccount's; both unset means mounted) and the pod's default serviceAccountName `default`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import {
  attackPaths,
  describeChain,
  escalationsOf,
  reachingAttackPaths,
  workloadIdentity,
} from './attack-paths.ts';
import type { Escalation } from './attack-paths.ts';
import { buildRbacModel } from './model.ts';

const inventoryFromYaml = (text: string): Inventory =>
  buildInventory(loadSources([{ file: 'rbac.yaml', text, format: 'yaml', named: true }]).resources);

const pod = (name: string, spec: string): string => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: app}
spec:
  ${spec}
  containers: [{name: c, image: example/c:1}]
`;

const serviceAccount = (name: string, automount: string): string => `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: app}
${automount}
`;

const CASES: readonly { name: string; yaml: string; serviceAccount: string; mounted: boolean }[] = [
  {
    name: 'no serviceAccountName runs as default, token mounted',
    yaml: pod('p', 'hostname: p'),
    serviceAccount: 'default',
    mounted: true,
  },
  {
    name: 'serviceAccountName names the identity',
    yaml: pod('p', 'serviceAccountName: web'),
    serviceAccount: 'web',
    mounted: true,
  },
  {
    name: 'the deprecated serviceAccount field still names it',
    yaml: pod('p', 'serviceAccount: legacy'),
    serviceAccount: 'legacy',
    mounted: true,
  },
  {
    name: 'pod false: not mounted',
    yaml: pod('p', 'automountServiceAccountToken: false'),
    serviceAccount: 'default',
    mounted: false,
  },
  {
    name: 'ServiceAccount false, pod silent: not mounted',
    yaml:
      pod('p', 'serviceAccountName: web') +
      '---' +
      serviceAccount('web', 'automountServiceAccountToken: false'),
    serviceAccount: 'web',
    mounted: false,
  },
  {
    name: 'ServiceAccount false, pod true: the pod wins, mounted',
    yaml:
      pod('p', 'serviceAccountName: web\n  automountServiceAccountToken: true') +
      '---' +
      serviceAccount('web', 'automountServiceAccountToken: false'),
    serviceAccount: 'web',
    mounted: true,
  },
  {
    name: 'a static pod (the kubelet annotation of a mirror pod) gets no token, whatever it says',
    yaml: pod('p', 'automountServiceAccountToken: true').replace(
      'namespace: app}',
      'namespace: app, annotations: {kubernetes.io/config.mirror: 2f4b1c}}',
    ),
    serviceAccount: 'default',
    mounted: false,
  },
  {
    name: 'kubernetes.io/config.source: api is no static pod: mounted',
    yaml: pod('p', 'hostname: p').replace(
      'namespace: app}',
      'namespace: app, annotations: {kubernetes.io/config.source: api}}',
    ),
    serviceAccount: 'default',
    mounted: true,
  },
];

describe('workloadIdentity', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const inventory = inventoryFromYaml(testCase.yaml);
      const workload = inventory.workloads[0];
      assert.ok(workload);
      const identity = workloadIdentity(inventory, workload);
      assert.equal(identity.serviceAccount, testCase.serviceAccount);
      assert.equal(identity.tokenMounted, testCase.mounted);
      assert.equal(identity.user.name, `system:serviceaccount:app:${testCase.serviceAccount}`);
    });
  }
});

describe('attackPaths', () => {
  const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers: [{name: web, image: example/web:1}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binder}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}
- {apiGroups: [""], resources: [groups], verbs: [impersonate], resourceNames: [developers]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: web-binder}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
subjects: [{kind: ServiceAccount, name: web, namespace: web}]
`;
  it('reports bind cluster-admin with both grants, and not a name-restricted impersonation', () => {
    const inventory = inventoryFromYaml(yaml);
    const [path] = attackPaths(buildRbacModel(inventory), inventory);
    assert.ok(path);
    assert.deepEqual(
      path.escalations.map((escalation) => escalation.goal),
      ['bind cluster-admin'],
    );
    const escalation = path.escalations[0];
    assert.ok(escalation);
    assert.equal(
      describeChain(path.identity, escalation),
      'Deployment web → ServiceAccount web/web → ClusterRoleBinding web-binder → ClusterRole binder: create clusterrolebindings.rbac.authorization.k8s.io + ClusterRoleBinding web-binder → ClusterRole binder: bind clusterroles.rbac.authorization.k8s.io named cluster-admin',
    );
  });

  it('create clusterrolebindings without bind is no path', () => {
    const inventory = inventoryFromYaml(yaml.replace('verbs: [bind]', 'verbs: [get]'));
    const [path] = attackPaths(buildRbacModel(inventory), inventory);
    assert.deepEqual(path?.escalations, []);
  });
});

describe('attackPaths shares answers only between identities the bindings cannot tell apart', () => {
  // Bindings that name one ServiceAccount, a namespace's ServiceAccounts group, all ServiceAccounts,
  // a User with a ServiceAccount's username, or a ServiceAccount subject without namespace (defaulted
  // to the RoleBinding's): each workload must get what authorize decides for its own identity.
  const role = (name: string, rules: string): string =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ${name}}\nrules: ${rules}\n---\n`;
  const binding = (
    kind: 'ClusterRoleBinding' | 'RoleBinding',
    name: string,
    roleName: string,
    subjects: string,
  ) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: ${name}${kind === 'RoleBinding' ? ', namespace: kube-system' : ''}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${roleName}}\nsubjects: ${subjects}\n---\n`;
  const deployment = (namespace: string, account: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${account}, namespace: ${namespace}}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      serviceAccountName: ${account}\n      containers: [{name: c, image: example/c:1}]\n---\n`;
  const yaml = [
    role('pods', '[{apiGroups: [""], resources: [pods], verbs: [create]}]'),
    role('secrets', '[{apiGroups: [""], resources: [secrets], verbs: [list]}]'),
    role('masters', '[{apiGroups: [""], resources: [groups], verbs: [impersonate]}]'),
    binding('ClusterRoleBinding', 'one', 'secrets', '[{kind: ServiceAccount, name: a, namespace: team-1}]'),
    binding(
      'ClusterRoleBinding',
      'group',
      'masters',
      '[{kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:team-2"}]',
    ),
    binding(
      'ClusterRoleBinding',
      'user',
      'secrets',
      '[{kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccount:team-2:b"}]',
    ),
    binding(
      'RoleBinding',
      'kube-system',
      'pods',
      '[{kind: ServiceAccount, name: c}, {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:team-3"}]',
    ),
    ...['team-1', 'team-2', 'team-3', 'kube-system'].flatMap((namespace) =>
      ['a', 'b', 'c'].map((account) => deployment(namespace, account)),
    ),
  ].join('');

  it('equals escalationsOf for every workload', () => {
    const inventory = inventoryFromYaml(yaml);
    const model = buildRbacModel(inventory);
    const paths = attackPaths(model, inventory);
    assert.equal(paths.length, 12);
    const goals = (escalations: readonly Escalation[]): string[] =>
      escalations.map(
        ({ goal, grants }) =>
          `${goal}: ${grants.map(({ grant }) => `${grant.binding.name}/${grant.subject.name}`).join(' + ')}`,
      );
    for (const path of paths)
      assert.deepEqual(
        goals(path.escalations),
        goals(escalationsOf(model, path.identity.user)),
        path.identity.user.name,
      );
    const reached = paths
      .filter((path) => path.escalations.length > 0)
      .map((path) => path.identity.user.name);
    assert.deepEqual(reached, [
      'system:serviceaccount:team-1:a',
      'system:serviceaccount:team-2:a',
      'system:serviceaccount:team-2:b',
      'system:serviceaccount:team-2:c',
      'system:serviceaccount:team-3:a',
      'system:serviceaccount:team-3:b',
      'system:serviceaccount:team-3:c',
      'system:serviceaccount:kube-system:c',
    ]);
  });

  it('reachingAttackPaths keeps exactly the paths that reach a goal, with the same answers', () => {
    const inventory = inventoryFromYaml(yaml);
    const model = buildRbacModel(inventory);
    const describe = (paths: ReturnType<typeof attackPaths>): string[] =>
      paths.map(
        ({ identity, escalations }) =>
          `${identity.user.name} ${String(identity.tokenMounted)}: ${escalations.map((escalation) => describeChain(identity, escalation)).join('; ')}`,
      );
    const reaching = describe(reachingAttackPaths(model, inventory));
    assert.equal(reaching.length, 8);
    assert.deepEqual(
      reaching,
      describe(attackPaths(model, inventory).filter((path) => path.escalations.length > 0)),
    );
  });

  it('reachingAttackPaths is empty when no binding that grants a goal names a workload', () => {
    const inventory = inventoryFromYaml(
      role('pods', '[{apiGroups: [""], resources: [pods], verbs: [create]}]') +
        binding('RoleBinding', 'kube-system', 'pods', '[{kind: ServiceAccount, name: other}]') +
        deployment('team-1', 'a'),
    );
    const model = buildRbacModel(inventory);
    assert.equal(attackPaths(model, inventory).length, 1);
    assert.deepEqual(reachingAttackPaths(model, inventory), []);
  });
});
