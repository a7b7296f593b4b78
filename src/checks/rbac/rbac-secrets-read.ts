import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'get', resource: 'secrets' },
  { verb: 'list', resource: 'secrets' },
  { verb: 'watch', resource: 'secrets' },
];

/** Role can read Secrets. */
export const rbacSecretsRead: InventoryCheck = {
  id: 'rbac-secrets-read',
  title: 'Role can read Secrets',
  severity: 'high',
  theme: 'rbac',
  description:
    '`get`, `list` or `watch` on secrets returns their contents, ServiceAccount tokens included, so the subject can take over any identity whose token is stored there. `watch` reveals contents as `list` does. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Grant access to named Secrets only (resourceNames with `get`), or mount the Secret into the workload instead.',
  nsa: ['rbac', 'secrets'],
  mitre: ['T1552.007'],
  references: [
    'Kubernetes docs: rbac-good-practices#listing-secrets',
    'rbac-police: retrieve_token_secrets',
    'KubiScan: risky-get-secrets',
    'krane: risky-list-secrets',
  ],
  cis: ['5.1.2'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
