import { missingAdmissionPlugin } from '../../controlplane/admission-plugins.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The ServiceAccount plugin makes every pod run as a ServiceAccount that exists in its namespace. */
export const apiserverAdmissionServiceAccount: InventoryCheck = {
  id: 'apiserver-admission-service-account',
  title: 'ServiceAccount admission plugin',
  severity: 'medium',
  theme: 'rbac',
  description:
    'The ServiceAccount admission plugin (on by default) gives each pod a ServiceAccount, rejects pods naming one that does not exist, ' +
    'and refuses pods that mount a token of a ServiceAccount other than their own. Turned off, pods run with whatever identity and ' +
    'token volumes their manifest claims.',
  remediation:
    'Remove ServiceAccount from --disable-admission-plugins (or add it to the deprecated --admission-control list).',
  nsa: ['service-account-tokens', 'control-plane-hardening'],
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#serviceaccount',
  ],
  cis: ['1.2.12'],
  target: 'inventory',
  run: ({ inventory }) =>
    missingAdmissionPlugin(inventory, 'ServiceAccount', 'pods are not bound to a ServiceAccount that exists'),
};
