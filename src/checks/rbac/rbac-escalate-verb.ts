import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'escalate', resource: 'roles', apiGroup: 'rbac.authorization.k8s.io' },
  { verb: 'escalate', resource: 'clusterroles', apiGroup: 'rbac.authorization.k8s.io' },
];

/** Role grants the escalate verb. */
export const rbacEscalateVerb: InventoryCheck = {
  id: 'rbac-escalate-verb',
  title: 'Role grants the escalate verb',
  severity: 'critical',
  theme: 'rbac',
  description:
    'The `escalate` verb on roles or clusterroles lets a subject create or update a role with permissions it does not hold, bypassing RBAC privilege-escalation prevention: it can write itself cluster-admin rules. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation: 'Remove `escalate` from the rule; grant role management only to cluster administrators.',
  nsa: ['rbac'],
  mitre: ['T1098.006'],
  references: [
    'Kubernetes docs: rbac-good-practices#escalate-verb',
    'rbac-police: escalate_roles',
    'krane: risky-any-verb-clusterroles',
  ],
  cis: ['5.1.8'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
