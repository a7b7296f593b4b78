import { missingFlags } from '../../controlplane/required-flags.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The API server must be told explicitly which keys verify ServiceAccount tokens. */
export const apiserverServiceAccountKeyFile: InventoryCheck = {
  id: 'apiserver-service-account-key-file',
  title: 'API server ServiceAccount verification keys',
  severity: 'medium',
  theme: 'keys',
  description:
    '--service-account-key-file names the public keys that verify ServiceAccount tokens. Without it kube-apiserver falls back to its ' +
    'TLS serving key, tying token signing to the serving certificate: rotating one breaks or keeps the other, and the keys cannot ' +
    'be rotated by adding the new public key first.',
  remediation:
    'Generate a dedicated key pair; pass the public key with --service-account-key-file and the private key to ' +
    '--service-account-signing-key-file and the controller manager --service-account-private-key-file.',
  nsa: ['service-account-tokens'],
  references: ['https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
  cis: ['1.2.22'],
  target: 'inventory',
  run: ({ inventory }) => missingFlags(inventory, 'kube-apiserver', ['service-account-key-file']),
};
