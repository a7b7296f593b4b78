import { namespaceOf } from '../../model/inventory.ts';
import { isClusterScoped } from '../../model/scope.ts';
import type { InventoryCheck } from '../../model/check.ts';

/**
 * Objects that end up in the `default` namespace, whether the manifest names it or names none
 * (then `--default-namespace` decides). Namespace objects and cluster-scoped kinds are skipped.
 */
export const defaultNamespace: InventoryCheck = {
  id: 'default-namespace',
  title: 'Object in the default namespace',
  severity: 'low',
  theme: 'config',
  description:
    'Objects in the default namespace share it with everything deployed without thought: RBAC grants, NetworkPolicies, quotas and Pod Security labels cannot be scoped to the application, and a mistaken kubectl apply lands next to them. Objects that name no namespace count when the scan places them in default.',
  remediation: 'Create a namespace per application (or team) and set metadata.namespace on every object.',
  nsa: ['namespaces'],
  references: [
    'KubeLinter: use-namespace',
    'Checkov: CKV_K8S_21',
    'Trivy: KSV110',
    'Kubescape: C-0061',
    'Kubescape: C-0212',
  ],
  cis: ['5.6.4'],
  target: 'inventory',
  *run({ inventory }) {
    for (const resource of inventory.resources) {
      if (isClusterScoped(resource.kind)) continue;
      if (namespaceOf(inventory, resource) !== 'default') continue;
      yield resource.namespace === undefined
        ? {
            resource,
            path: ['metadata'],
            message: `${resource.kind} "${resource.name}" names no namespace and lands in default`,
          }
        : {
            resource,
            path: ['metadata', 'namespace'],
            message: `${resource.kind} "${resource.name}" is in the default namespace`,
          };
    }
  },
};
