import type { InventoryCheck } from '../../model/check.ts';
import { reportedBindings } from '../../rbac/grants.ts';
import { describeObject } from '../../rbac/model.ts';
import { subjectNamespace } from '../../rbac/subject.ts';

/** A binding that gives permissions to a namespace's `default` ServiceAccount. */
export const rbacDefaultServiceaccountGrant: InventoryCheck = {
  id: 'rbac-default-serviceaccount-grant',
  title: 'Permissions granted to a default ServiceAccount',
  severity: 'medium',
  theme: 'rbac',
  description:
    'Every pod that names no ServiceAccount runs as `default` and, unless automounting is off, carries its token. Permissions granted to it reach every such pod of the namespace.',
  remediation:
    'Create a dedicated ServiceAccount for the workload that needs the permissions, bind the role to it and set `serviceAccountName`.',
  nsa: ['rbac', 'service-account-tokens'],
  mitre: ['T1078.001'],
  references: [
    'Kubernetes docs: rbac-good-practices#least-privilege',
    'Kubernetes docs: service-accounts#default-service-accounts',
    'CIS Kubernetes 5.1.5',
  ],
  cis: ['5.1.5'],
  target: 'inventory',
  *run({ inventory }) {
    for (const binding of reportedBindings(inventory)) {
      for (const subject of binding.subjects) {
        if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
        const namespace = subjectNamespace(subject, binding.namespace);
        if (namespace === '') continue;
        yield {
          resource: binding.resource,
          path: subject.path,
          message: `ServiceAccount ${namespace}/default is granted ${binding.roleRef.kind} ${binding.roleRef.name} by ${describeObject(binding)}`,
        };
      }
    }
  },
};
