import type { BootstrapObject } from './types.ts';
import { BOOTSTRAP_LABELS } from './types.ts';

// Facts from kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-role-bindings.yaml
// (snapshot c60df8997f62f861cf0cd2b13ab62271464589ed), plus the system:monitoring and
// system:service-account-issuer-discovery bindings of current policy.go.

type BootstrapSubject = NonNullable<BootstrapObject['subjects']>[number];

/** A default ClusterRoleBinding named after its ClusterRole. */
function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: readonly BootstrapSubject[],
  labels: Readonly<Record<string, string>> = BOOTSTRAP_LABELS,
): BootstrapObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

const group = (name: string): BootstrapSubject => ({ kind: 'Group', name });
const user = (name: string): BootstrapSubject => ({ kind: 'User', name });

/** The default ClusterRoleBindings of kube-apiserver's RBAC bootstrap policy. */
export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly BootstrapObject[] = [
  clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')]),
  clusterRoleBinding('system:basic-user', 'system:basic-user', [group('system:authenticated')]),
  clusterRoleBinding('system:discovery', 'system:discovery', [group('system:authenticated')]),
  clusterRoleBinding('system:kube-controller-manager', 'system:kube-controller-manager', [
    user('system:kube-controller-manager'),
  ]),
  clusterRoleBinding('system:kube-dns', 'system:kube-dns', [
    { kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' },
  ]),
  clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', [user('system:kube-scheduler')]),
  clusterRoleBinding('system:monitoring', 'system:monitoring', [group('system:monitoring')]),
  clusterRoleBinding('system:node', 'system:node', []),
  clusterRoleBinding('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')]),
  clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [
    group('system:authenticated'),
    group('system:unauthenticated'),
  ]),
  clusterRoleBinding('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', [
    group('system:serviceaccounts'),
  ]),
  clusterRoleBinding('system:volume-scheduler', 'system:volume-scheduler', [user('system:kube-scheduler')]),
];
