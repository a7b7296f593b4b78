import { unsafeBooleanFlag } from '../../controlplane/required-flags.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Projected ServiceAccount tokens should live as long as they say, not a year. */
export const apiserverServiceAccountTokenExtension: InventoryCheck = {
  id: 'apiserver-service-account-token-extension',
  title: 'API server extends projected token lifetimes',
  severity: 'low',
  theme: 'keys',
  description:
    '--service-account-extend-token-expiration (default true) makes kube-apiserver issue projected ServiceAccount tokens valid for a year ' +
    'when the pod asked for one hour, to ease the move to bound tokens; the kubelet still refreshes them hourly. A token copied out ' +
    'of a pod then keeps working for a year instead of an hour.',
  remediation:
    'Set --service-account-extend-token-expiration=false once no workload relies on reading a token older than an hour.',
  nsa: ['service-account-tokens'],
  mitre: ['T1528'],
  references: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/',
  ],
  cis: ['1.2.30'],
  target: 'inventory',
  run: ({ inventory }) =>
    unsafeBooleanFlag(inventory, {
      component: 'kube-apiserver',
      name: 'service-account-extend-token-expiration',
      fallback: true,
      safe: false,
      consequence: 'projected tokens stay valid for a year instead of the hour asked for',
    }),
};
