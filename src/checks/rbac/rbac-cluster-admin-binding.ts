import type { InventoryCheck } from '../../model/check.ts';
import { reportedBindings } from '../../rbac/grants.ts';
import { describeObject } from '../../rbac/model.ts';
import { describeSubject } from '../../rbac/subject.ts';

/** cluster-admin bound cluster-wide to someone who is not a system component. */
export const rbacClusterAdminBinding: InventoryCheck = {
  id: 'rbac-cluster-admin-binding',
  title: 'cluster-admin bound to a non-system subject',
  severity: 'critical',
  theme: 'rbac',
  description:
    'A ClusterRoleBinding to the cluster-admin ClusterRole gives its subjects every permission in every namespace, now and for every future resource type. Subjects named `system:*` and the kubeadm `kubeadm:cluster-admins` group are not reported.',
  remediation:
    'Bind narrower roles; keep cluster-admin for break-glass identities and bind `admin` per namespace with RoleBindings.',
  nsa: ['rbac'],
  mitre: ['T1098.006'],
  references: [
    'Kubernetes docs: rbac-good-practices#least-privilege',
    'rbac-police: cluster_admin',
    'krane: subjects-with-open-cluster-wide-access',
    'Falco: Attach to cluster-admin Role',
  ],
  cis: ['5.1.1'],
  target: 'inventory',
  *run({ inventory }) {
    for (const binding of reportedBindings(inventory)) {
      if (
        binding.kind !== 'ClusterRoleBinding' ||
        binding.roleRef.kind !== 'ClusterRole' ||
        binding.roleRef.name !== 'cluster-admin'
      )
        continue;
      for (const subject of binding.subjects) {
        if (
          subject.name.startsWith('system:') ||
          (subject.kind === 'Group' && subject.name === 'kubeadm:cluster-admins')
        )
          continue;
        yield {
          resource: binding.resource,
          path: subject.path,
          message: `${describeSubject(subject, binding.namespace)} is bound to ClusterRole cluster-admin by ${describeObject(binding)}`,
        };
      }
    }
  },
};
