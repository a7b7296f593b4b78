import type { InventoryCheck } from '../../model/check.ts';
import { probeViolations } from '../../rbac/grants.ts';
import { POD_CONTROLLER_WRITES } from '../../rbac/pod-writers.ts';

/** Role can create or change workload controllers. */
export const rbacWorkloadControllerWrite: InventoryCheck = {
  id: 'rbac-workload-controller-write',
  title: 'Role can create or change workload controllers',
  severity: 'high',
  theme: 'rbac',
  description:
    'Creating or updating a Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob or ReplicationController creates pods indirectly, with the same power as creating pods. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Grant workload writes only to deployment tooling and enforce Pod Security admission in the namespace.',
  nsa: ['rbac'],
  mitre: ['T1610', 'T1053.007'],
  references: [
    'Kubernetes docs: rbac-good-practices#workload-creation',
    'rbac-police: assign_sa',
    'KubiScan: risky-create-deployments',
    'krane: risky-create-deployments',
  ],
  target: 'inventory',
  run: (context) => probeViolations(context, POD_CONTROLLER_WRITES),
};
