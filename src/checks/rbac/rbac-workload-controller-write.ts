import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'create', resource: 'deployments', apiGroup: 'apps' },
  { verb: 'update', resource: 'deployments', apiGroup: 'apps' },
  { verb: 'patch', resource: 'deployments', apiGroup: 'apps' },
  { verb: 'create', resource: 'daemonsets', apiGroup: 'apps' },
  { verb: 'update', resource: 'daemonsets', apiGroup: 'apps' },
  { verb: 'patch', resource: 'daemonsets', apiGroup: 'apps' },
  { verb: 'create', resource: 'statefulsets', apiGroup: 'apps' },
  { verb: 'update', resource: 'statefulsets', apiGroup: 'apps' },
  { verb: 'patch', resource: 'statefulsets', apiGroup: 'apps' },
  { verb: 'create', resource: 'replicasets', apiGroup: 'apps' },
  { verb: 'update', resource: 'replicasets', apiGroup: 'apps' },
  { verb: 'patch', resource: 'replicasets', apiGroup: 'apps' },
  { verb: 'create', resource: 'jobs', apiGroup: 'batch' },
  { verb: 'update', resource: 'jobs', apiGroup: 'batch' },
  { verb: 'patch', resource: 'jobs', apiGroup: 'batch' },
  { verb: 'create', resource: 'cronjobs', apiGroup: 'batch' },
  { verb: 'update', resource: 'cronjobs', apiGroup: 'batch' },
  { verb: 'patch', resource: 'cronjobs', apiGroup: 'batch' },
  { verb: 'create', resource: 'replicationcontrollers' },
  { verb: 'update', resource: 'replicationcontrollers' },
  { verb: 'patch', resource: 'replicationcontrollers' },
];

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
  run: (context) => probeViolations(context, PROBES),
};
