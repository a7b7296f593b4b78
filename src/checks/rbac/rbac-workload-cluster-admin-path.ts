import type { InventoryCheck } from '../../model/check.ts';
import { describeChain, reachingAttackPaths } from '../../rbac/attack-paths.ts';
import { rbacModelOf } from '../../rbac/cache.ts';

/** A workload whose compromise yields cluster-admin-equivalent power through its mounted token. */
export const rbacWorkloadClusterAdminPath: InventoryCheck = {
  id: 'rbac-workload-cluster-admin-path',
  title: 'Workload token leads to cluster-admin',
  severity: 'critical',
  theme: 'rbac',
  description:
    'A workload whose ServiceAccount token is mounted and whose ServiceAccount can create pods in kube-system, read Secrets in every namespace, bind cluster-admin or impersonate system:masters hands cluster-admin to whoever compromises one of its containers. The chain from the workload to the rule is reported. Tokens count as mounted unless the pod, or the ServiceAccount when the pod is silent, sets automountServiceAccountToken to false.',
  remediation:
    'Give the workload its own ServiceAccount with only the permissions it needs, or set automountServiceAccountToken: false when it does not call the API.',
  nsa: ['rbac', 'service-account-tokens'],
  mitre: ['T1528', 'T1078'],
  references: [
    'Kubernetes docs: rbac-good-practices',
    'rbac-police: combined violations',
    'KubiScan: risky pods',
  ],
  cis: ['5.1.1'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = rbacModelOf(inventory, settings.kubernetesVersion);
    for (const { identity, escalations } of reachingAttackPaths(model, inventory)) {
      if (!identity.tokenMounted) continue;
      const { workload } = identity;
      yield {
        resource: workload.resource,
        path: [...workload.specPath, ...identity.path],
        message: `${workload.resource.kind} ${workload.resource.name} in namespace ${workload.namespace} mounts a token that can ${escalations.map((escalation) => `${escalation.goal} (${describeChain(identity, escalation)})`).join('; ')}`,
      };
    }
  },
};
