import type { BootstrapObject } from './types.ts';

// Facts from kubeadm (kubernetes/kubernetes cmd/kubeadm/app/phases/{bootstraptoken/clusterinfo,
// bootstraptoken/node, addons/proxy, addons/dns, kubelet, uploadconfig} and kubeconfig for
// kubeadm:cluster-admins, Kubernetes >= 1.29): what `kubeadm init` adds to the bootstrap policy.

const API = 'rbac.authorization.k8s.io/v1';
const RBAC = 'rbac.authorization.k8s.io';
const BOOTSTRAP_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

function readConfigMapRole(namespace: string, name: string, configMap: string): BootstrapObject {
  return {
    apiVersion: API,
    kind: 'Role',
    metadata: { name, namespace },
    rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [configMap], verbs: ['get'] }],
  };
}

function roleBinding(
  namespace: string,
  name: string,
  subjects: NonNullable<BootstrapObject['subjects']>,
): BootstrapObject {
  return {
    apiVersion: API,
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC, kind: 'Role', name },
    subjects,
  };
}

function binding(
  name: string,
  roleName: string,
  subjects: NonNullable<BootstrapObject['subjects']>,
): BootstrapObject {
  return {
    apiVersion: API,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

/** The roles and bindings `kubeadm init` creates (kube-proxy and CoreDNS addons included). */
export const KUBEADM_OBJECTS: readonly BootstrapObject[] = [
  binding('kubeadm:cluster-admins', 'cluster-admin', [{ kind: 'Group', name: 'kubeadm:cluster-admins' }]),
  binding('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [
    { kind: 'Group', name: BOOTSTRAP_TOKEN_GROUP },
  ]),
  binding(
    'kubeadm:node-autoapprove-bootstrap',
    'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    [{ kind: 'Group', name: BOOTSTRAP_TOKEN_GROUP }],
  ),
  binding(
    'kubeadm:node-autoapprove-certificate-rotation',
    'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    [{ kind: 'Group', name: 'system:nodes' }],
  ),
  {
    apiVersion: API,
    kind: 'ClusterRole',
    metadata: { name: 'kubeadm:get-nodes' },
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
  },
  binding('kubeadm:get-nodes', 'kubeadm:get-nodes', [{ kind: 'Group', name: BOOTSTRAP_TOKEN_GROUP }]),
  binding('kubeadm:node-proxier', 'system:node-proxier', [
    { kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' },
  ]),
  {
    apiVersion: API,
    kind: 'ClusterRole',
    metadata: { name: 'system:coredns' },
    rules: [
      {
        apiGroups: [''],
        resources: ['endpoints', 'services', 'pods', 'namespaces'],
        verbs: ['list', 'watch'],
      },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ],
  },
  binding('system:coredns', 'system:coredns', [
    { kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' },
  ]),
  readConfigMapRole('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'cluster-info'),
  roleBinding('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', [
    { kind: 'User', name: 'system:anonymous' },
  ]),
  readConfigMapRole('kube-system', 'kubeadm:nodes-kubeadm-config', 'kubeadm-config'),
  roleBinding('kube-system', 'kubeadm:nodes-kubeadm-config', [
    { kind: 'Group', name: BOOTSTRAP_TOKEN_GROUP },
    { kind: 'Group', name: 'system:nodes' },
  ]),
  readConfigMapRole('kube-system', 'kubeadm:kubelet-config', 'kubelet-config'),
  roleBinding('kube-system', 'kubeadm:kubelet-config', [
    { kind: 'Group', name: BOOTSTRAP_TOKEN_GROUP },
    { kind: 'Group', name: 'system:nodes' },
  ]),
  readConfigMapRole('kube-system', 'kube-proxy', 'kube-proxy'),
  roleBinding('kube-system', 'kube-proxy', [{ kind: 'Group', name: BOOTSTRAP_TOKEN_GROUP }]),
];
