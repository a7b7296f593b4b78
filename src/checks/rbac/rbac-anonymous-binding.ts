import type { InventoryCheck } from '../../model/check.ts';
import { reportedBindings } from '../../rbac/grants.ts';
import { describeObject } from '../../rbac/model.ts';
import { ANONYMOUS_USER, UNAUTHENTICATED_GROUP } from '../../rbac/subject.ts';

/** The public-information roles anonymous requests hold on every cluster. */
const BASELINE_ROLES = new Set(['system:public-info-viewer']);

/** A binding that grants something to unauthenticated requests. */
export const rbacAnonymousBinding: InventoryCheck = {
  id: 'rbac-anonymous-binding',
  title: 'Binding grants permissions to anonymous requests',
  severity: 'critical',
  theme: 'rbac',
  description:
    "A binding to User `system:anonymous` or Group `system:unauthenticated` grants its role to anyone who reaches the API server when anonymous authentication is on (the default). Bindings to system:public-info-viewer and kubeadm's cluster-info binding in kube-public are the cluster's baseline and not reported.",
  remediation:
    'Remove the anonymous subject and bind the role to authenticated users or groups; consider `--anonymous-auth=false` on kube-apiserver.',
  nsa: ['rbac', 'authentication'],
  mitre: ['T1078'],
  references: [
    'Kubernetes docs: rbac-good-practices',
    'krane: unauthenticated-subject-access',
    'Falco: Anonymous Request Allowed',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const binding of reportedBindings(inventory)) {
      if (BASELINE_ROLES.has(binding.roleRef.name)) continue;
      if (binding.namespace === 'kube-public' && binding.name === 'kubeadm:bootstrap-signer-clusterinfo')
        continue;
      for (const subject of binding.subjects) {
        const anonymous =
          (subject.kind === 'User' && subject.name === ANONYMOUS_USER) ||
          (subject.kind === 'Group' && subject.name === UNAUTHENTICATED_GROUP);
        if (!anonymous) continue;
        yield {
          resource: binding.resource,
          path: subject.path,
          message: `${subject.kind} ${subject.name} is granted ${binding.roleRef.kind} ${binding.roleRef.name} by ${describeObject(binding)}`,
        };
      }
    }
  },
};
