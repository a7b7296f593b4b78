import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'create', resource: 'validatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io' },
  { verb: 'update', resource: 'validatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io' },
  { verb: 'patch', resource: 'validatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io' },
  { verb: 'create', resource: 'mutatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io' },
  { verb: 'update', resource: 'mutatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io' },
  { verb: 'patch', resource: 'mutatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io' },
];

/** Role can configure admission webhooks. */
export const rbacAdmissionWebhookWrite: InventoryCheck = {
  id: 'rbac-admission-webhook-write',
  title: 'Role can configure admission webhooks',
  severity: 'high',
  theme: 'rbac',
  description:
    'Creating or changing a validating or mutating webhook configuration lets a subject read every admitted object (Secrets included) and mutate workloads, e.g. inject containers. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation: 'Grant webhook configuration only to cluster administrators.',
  nsa: ['rbac'],
  mitre: ['T1562.001'],
  references: [
    'Kubernetes docs: rbac-good-practices#control-admission-webhooks',
    'rbac-police: control_webhooks',
  ],
  cis: ['5.1.12'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
