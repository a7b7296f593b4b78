// who-can against the default roles of a fresh kubeadm cluster (bootstrap policy of
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy and kubeadm's phases), answered as
// `kubectl who-can` would there. The controller roles and the namespaced roles of kube-system and
// kube-public come from the newest generated table (src/rbac/bootstrap/v1.36.ts: the golden files
// controller-roles.yaml, controller-role-bindings.yaml, namespace-roles.yaml and
// namespace-role-bindings.yaml at kubernetes/kubernetes 008b3652959ca58af8be3fb5b6ecfe9ae7638282).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { authorize } from './authorize.ts';
import { buildRbacModel, rulesOf } from './model.ts';
import { parseRequest } from './resources.ts';
import { identityOf } from './subject.ts';
import type { WhoCanResult } from './who-can.ts';
import { whoCan } from './who-can.ts';

const inventoryFromYaml = (text: string): Inventory =>
  buildInventory(loadSources([{ file: 'rbac.yaml', text, format: 'yaml', named: true }]).resources);

const model = buildRbacModel(inventoryFromYaml(''), { bootstrap: true });
const ADMINS = ['cluster-admin Group system:masters', 'kubeadm:cluster-admins Group kubeadm:cluster-admins'];
const controller = (name: string): string => `system:controller:${name} ServiceAccount kube-system/${name}`;
/** Controllers whose role reads (or deletes) every resource: get, list and watch on * in *. */
const READ_EVERYTHING = [controller('generic-garbage-collector'), controller('namespace-controller')];

function rows(result: WhoCanResult): { roleBindings: string[]; clusterRoleBindings: string[] } {
  const row = (entry: WhoCanResult['roleBindings'][number]): string =>
    `${entry.binding.namespace === '' ? '' : `${entry.binding.namespace}/`}${entry.binding.name} ${entry.subject.kind} ${entry.subject.namespace === '' ? '' : `${entry.subject.namespace}/`}${entry.subject.name}`;
  return {
    roleBindings: result.roleBindings.map(row).sort(),
    clusterRoleBindings: result.clusterRoleBindings.map(row).sort(),
  };
}

const QUERIES: readonly {
  verb: string;
  target: string;
  namespace: string;
  name?: string;
  roleBindings: string[];
  clusterRoleBindings: string[];
}[] = [
  {
    verb: 'create',
    target: 'pods/exec',
    namespace: 'default',
    roleBindings: [],
    clusterRoleBindings: ADMINS,
  },
  {
    verb: 'create',
    target: 'pods/portforward',
    namespace: 'kube-system',
    roleBindings: [],
    clusterRoleBindings: ADMINS,
  },
  {
    verb: 'impersonate',
    target: 'serviceaccounts',
    namespace: 'default',
    roleBindings: [],
    clusterRoleBindings: ADMINS,
  },
  { verb: 'bind', target: 'clusterroles', namespace: '', roleBindings: [], clusterRoleBindings: ADMINS },
  {
    verb: 'create',
    target: 'mutatingwebhookconfigurations',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: ADMINS,
  },
  {
    verb: 'get',
    target: '/healthz',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      'system:discovery Group system:authenticated',
      'system:monitoring Group system:monitoring',
      'system:public-info-viewer Group system:authenticated',
      'system:public-info-viewer Group system:unauthenticated',
    ].sort(),
  },
  {
    verb: 'get',
    target: '/metrics',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [...ADMINS, 'system:monitoring Group system:monitoring'].sort(),
  },
  {
    verb: 'get',
    target: '/openid/v1/jwks',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      'system:service-account-issuer-discovery Group system:serviceaccounts',
    ].sort(),
  },
  {
    verb: 'create',
    target: 'selfsubjectaccessreviews',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [...ADMINS, 'system:basic-user Group system:authenticated'].sort(),
  },
  {
    verb: 'create',
    target: 'certificatesigningrequests',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      'kubeadm:kubelet-bootstrap Group system:bootstrappers:kubeadm:default-node-token',
    ].sort(),
  },
  {
    verb: 'create',
    target: 'certificatesigningrequests/selfnodeclient',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      'kubeadm:node-autoapprove-certificate-rotation Group system:nodes',
    ].sort(),
  },
  {
    verb: 'get',
    target: 'configmaps',
    namespace: 'kube-public',
    name: 'cluster-info',
    roleBindings: [
      'kube-public/kubeadm:bootstrap-signer-clusterinfo User system:anonymous',
      'kube-public/system:controller:bootstrap-signer ServiceAccount kube-system/bootstrap-signer',
    ],
    clusterRoleBindings: [
      ...ADMINS,
      ...READ_EVERYTHING,
      'system:kube-controller-manager User system:kube-controller-manager',
    ].sort(),
  },
  {
    verb: 'create',
    target: 'pods',
    namespace: 'default',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      controller('daemon-set-controller'),
      controller('job-controller'),
      controller('persistent-volume-binder'),
      controller('replicaset-controller'),
      controller('replication-controller'),
      controller('statefulset-controller'),
    ].sort(),
  },
  {
    verb: 'get',
    target: 'secrets',
    namespace: 'default',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      ...READ_EVERYTHING,
      'system:kube-controller-manager User system:kube-controller-manager',
    ].sort(),
  },
  {
    verb: 'get',
    target: 'secrets',
    namespace: 'kube-system',
    roleBindings: [
      'kube-system/system:controller:bootstrap-signer ServiceAccount kube-system/bootstrap-signer',
      'kube-system/system:controller:token-cleaner ServiceAccount kube-system/token-cleaner',
    ],
    clusterRoleBindings: [
      ...ADMINS,
      ...READ_EVERYTHING,
      'system:kube-controller-manager User system:kube-controller-manager',
    ].sort(),
  },
  {
    verb: 'update',
    target: 'configmaps',
    namespace: 'kube-public',
    name: 'cluster-info',
    roleBindings: [
      'kube-public/system:controller:bootstrap-signer ServiceAccount kube-system/bootstrap-signer',
    ],
    clusterRoleBindings: [
      ...ADMINS,
      controller('generic-garbage-collector'),
      controller('root-ca-cert-publisher'),
    ].sort(),
  },
  {
    verb: 'get',
    target: 'configmaps',
    namespace: 'kube-system',
    name: 'extension-apiserver-authentication',
    roleBindings: [
      'kube-system/system::extension-apiserver-authentication-reader User system:kube-controller-manager',
      'kube-system/system::extension-apiserver-authentication-reader User system:kube-scheduler',
      'kube-system/system:controller:cloud-provider ServiceAccount kube-system/cloud-provider',
    ],
    clusterRoleBindings: [
      ...ADMINS,
      ...READ_EVERYTHING,
      'system:kube-controller-manager User system:kube-controller-manager',
    ].sort(),
  },
  {
    verb: 'update',
    target: 'leases.coordination.k8s.io',
    namespace: 'kube-system',
    roleBindings: [
      'kube-system/system::leader-locking-kube-controller-manager ServiceAccount kube-system/kube-controller-manager',
      'kube-system/system::leader-locking-kube-controller-manager ServiceAccount kube-system/leader-election-controller',
      'kube-system/system::leader-locking-kube-controller-manager User system:kube-controller-manager',
      'kube-system/system::leader-locking-kube-scheduler ServiceAccount kube-system/kube-scheduler',
      'kube-system/system::leader-locking-kube-scheduler User system:kube-scheduler',
    ],
    clusterRoleBindings: [...ADMINS, controller('generic-garbage-collector')].sort(),
  },
  {
    // The leader-locking Roles lost their configmaps rules in kubernetes/kubernetes#134297 (v1.35);
    // through v1.34 (namespace-roles.yaml at 1892e4deb967a2b39cfc2fea87a8bd49274449ef) they let the
    // controller manager update this ConfigMap.
    verb: 'update',
    target: 'configmaps',
    namespace: 'kube-system',
    name: 'kube-controller-manager',
    roleBindings: [],
    clusterRoleBindings: [
      ...ADMINS,
      controller('generic-garbage-collector'),
      controller('root-ca-cert-publisher'),
    ].sort(),
  },
  {
    verb: 'escalate',
    target: 'clusterroles',
    namespace: '',
    roleBindings: [],
    clusterRoleBindings: [...ADMINS, controller('clusterrole-aggregation-controller')].sort(),
  },
];

describe('who-can on a fresh kubeadm cluster', () => {
  for (const query of QUERIES) {
    const label = `${query.verb} ${query.target}${query.name === undefined ? '' : `/${query.name}`}${query.namespace === '' ? '' : ` -n ${query.namespace}`}`;
    it(label, () => {
      const request = parseRequest(query.verb, query.target, query.namespace, query.name ?? '');
      assert.deepEqual(rows(whoCan(model, request, { namespace: query.namespace })), {
        roleBindings: query.roleBindings,
        clusterRoleBindings: query.clusterRoleBindings,
      });
    });
  }

  it('edit and admin resolve through aggregation: admin can create rolebindings, edit cannot', () => {
    const admin = rulesOf(model, model.roles.get('ClusterRole/admin'));
    assert.ok(admin.some((granted) => granted.rule.resources.includes('rolebindings')));
    const edit = rulesOf(model, model.roles.get('ClusterRole/edit'));
    assert.ok(edit.some((granted) => granted.rule.resources.includes('pods/exec')));
    assert.ok(!edit.some((granted) => granted.rule.resources.includes('rolebindings')));
  });

  it('anonymous: can read /healthz and cluster-info, cannot discover /api', () => {
    const anonymous = identityOf('system:anonymous');
    assert.equal(authorize(model, anonymous, parseRequest('get', '/healthz', '')).allowed, true);
    assert.equal(
      authorize(model, anonymous, parseRequest('get', 'configmaps', 'kube-public', 'cluster-info')).allowed,
      true,
    );
    assert.equal(authorize(model, anonymous, parseRequest('get', '/api', '')).allowed, false);
    assert.equal(authorize(model, identityOf('alice'), parseRequest('get', '/api', '')).allowed, true);
  });
});
