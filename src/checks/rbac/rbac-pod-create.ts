import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [{ verb: 'create', resource: 'pods' }];

/** Role can create Pods. */
export const rbacPodCreate: InventoryCheck = {
  id: 'rbac-pod-create',
  title: 'Role can create Pods',
  severity: 'high',
  theme: 'rbac',
  description:
    'Creating a pod lets a subject run it as any ServiceAccount of the namespace, mount any Secret, ConfigMap or volume there, and, without Pod Security admission, take the node. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Grant pod creation only to deployment tooling; enforce the restricted Pod Security Standard in the namespace.',
  nsa: ['rbac'],
  mitre: ['T1610'],
  references: [
    'Kubernetes docs: rbac-good-practices#workload-creation',
    'rbac-police: assign_sa',
    'KubiScan: risky-create-pod',
  ],
  cis: ['5.1.4'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
