import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [{ verb: 'create', resource: 'serviceaccounts', subresource: 'token' }];

/** Role can issue ServiceAccount tokens. */
export const rbacServiceaccountToken: InventoryCheck = {
  id: 'rbac-serviceaccount-token',
  title: 'Role can issue ServiceAccount tokens',
  severity: 'high',
  theme: 'rbac',
  description:
    '`create` on serviceaccounts/token issues a token for any ServiceAccount in scope (TokenRequest), so the subject holds all their permissions. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Remove serviceaccounts/token, or restrict it with resourceNames to the ServiceAccounts it must serve.',
  nsa: ['rbac', 'service-account-tokens'],
  mitre: ['T1550.001'],
  references: ['Kubernetes docs: rbac-good-practices#token-request', 'rbac-police: token_request'],
  cis: ['5.1.13'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
