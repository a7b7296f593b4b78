import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'impersonate', resource: 'users' },
  { verb: 'impersonate', resource: 'groups' },
  { verb: 'impersonate', resource: 'serviceaccounts' },
  { verb: 'impersonate', resource: 'uids', apiGroup: 'authentication.k8s.io' },
  { verb: 'impersonate', resource: 'userextras', apiGroup: 'authentication.k8s.io' },
];

/** Role grants impersonation. */
export const rbacImpersonate: InventoryCheck = {
  id: 'rbac-impersonate',
  title: 'Role grants impersonation',
  severity: 'critical',
  theme: 'rbac',
  description:
    'The `impersonate` verb on users, groups, serviceaccounts, uids or userextras lets a subject act as another identity, e.g. as a member of `system:masters`. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Remove `impersonate`; if a tool needs it, restrict it with resourceNames to the identities it must act as.',
  nsa: ['rbac'],
  mitre: ['T1078'],
  references: [
    'Kubernetes docs: rbac-good-practices#impersonate-verb',
    'KubiScan: risky-any-verb-groups',
    'krane: risky-any-verb-users',
  ],
  cis: ['5.1.8'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
