import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'patch', resource: 'namespaces' },
  { verb: 'update', resource: 'namespaces' },
];

/** Role can change Namespace labels. */
export const rbacNamespacePatch: InventoryCheck = {
  id: 'rbac-namespace-patch',
  title: 'Role can change Namespace labels',
  severity: 'medium',
  theme: 'rbac',
  description:
    'Patching or updating a Namespace changes its labels, which relaxes Pod Security admission (`pod-security.kubernetes.io/enforce`) and changes which NetworkPolicies select it. A RoleBinding grants this on its own namespace. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Remove patch and update on namespaces; manage namespace labels through cluster administration.',
  nsa: ['rbac', 'pod-security-enforcement'],
  mitre: ['T1562.001'],
  references: ['Kubernetes docs: rbac-good-practices#namespace-modification'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
