import { missingFlags, unsafeBooleanFlag } from '../../controlplane/required-flags.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Controllers should act under their own ServiceAccounts, with the keys and CA the token controller needs. */
export const controllerManagerServiceAccountCredentials: InventoryCheck = {
  id: 'controller-manager-service-account-credentials',
  title: 'Controller manager ServiceAccount credentials',
  severity: 'medium',
  theme: 'rbac',
  description:
    "Without --use-service-account-credentials=true (default false) every controller acts with the controller manager's own broad " +
    'credential instead of its system:controller:* ServiceAccount and role. --service-account-private-key-file signs the tokens ' +
    'the controllers issue, and --root-ca-file puts the cluster CA into them so pods can verify the API server.',
  remediation:
    'Set --use-service-account-credentials=true, --service-account-private-key-file (the key matching the API server ' +
    '--service-account-key-file) and --root-ca-file on kube-controller-manager.',
  nsa: ['rbac'],
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles'],
  cis: ['1.3.3', '1.3.4', '1.3.5'],
  target: 'inventory',
  *run({ inventory }) {
    yield* unsafeBooleanFlag(inventory, {
      component: 'kube-controller-manager',
      name: 'use-service-account-credentials',
      fallback: false,
      safe: true,
      consequence: 'controllers share one credential instead of their own roles',
    });
    yield* missingFlags(inventory, 'kube-controller-manager', [
      'service-account-private-key-file',
      'root-ca-file',
    ]);
  },
};
