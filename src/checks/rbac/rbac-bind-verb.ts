import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'bind', resource: 'roles', apiGroup: 'rbac.authorization.k8s.io' },
  { verb: 'bind', resource: 'clusterroles', apiGroup: 'rbac.authorization.k8s.io' },
];

/** Role grants the bind verb. */
export const rbacBindVerb: InventoryCheck = {
  id: 'rbac-bind-verb',
  title: 'Role grants the bind verb',
  severity: 'high',
  theme: 'rbac',
  description:
    'The `bind` verb on roles or clusterroles lets a subject that can create bindings bind any role it names (cluster-admin included) without holding its permissions. The API server checks `bind` against the referenced role, not against the binding resource. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Remove `bind`, or restrict it with resourceNames to roles no more powerful than the subject already is.',
  nsa: ['rbac'],
  mitre: ['T1098.006'],
  references: [
    'Kubernetes docs: rbac#restrictions-on-role-binding-creation-or-update',
    'rbac-police: bind_roles',
    'KubiScan: risky-create-rolebinding-role',
  ],
  cis: ['5.1.8'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
