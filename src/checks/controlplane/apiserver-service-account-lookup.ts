import { unsafeBooleanFlag } from '../../controlplane/required-flags.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The API server must check that a ServiceAccount token's account still exists. */
export const apiserverServiceAccountLookup: InventoryCheck = {
  id: 'apiserver-service-account-lookup',
  title: 'API server ServiceAccount token lookup',
  severity: 'medium',
  theme: 'authn',
  description:
    '--service-account-lookup (default true) makes kube-apiserver check that the ServiceAccount (and, for legacy tokens, the Secret) ' +
    'behind a token still exists. Turned off, a token keeps working after its ServiceAccount or Secret is deleted, until it expires ' +
    'or, for a legacy Secret token, forever.',
  remediation: 'Remove --service-account-lookup=false (or set it to true).',
  nsa: ['service-account-tokens', 'authentication'],
  mitre: ['T1528'],
  references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  cis: ['1.2.21'],
  target: 'inventory',
  run: ({ inventory }) =>
    unsafeBooleanFlag(inventory, {
      component: 'kube-apiserver',
      name: 'service-account-lookup',
      fallback: true,
      safe: true,
      consequence: 'tokens of deleted ServiceAccounts stay valid',
    }),
};
