import { missingFlags } from '../../controlplane/required-flags.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The API server must serve with its own certificate and verify client certificates against a CA. */
export const apiserverServingTls: InventoryCheck = {
  id: 'apiserver-serving-tls',
  title: 'API server serving certificate and client CA',
  severity: 'high',
  theme: 'tls',
  description:
    'Without --tls-cert-file and --tls-private-key-file kube-apiserver serves a self-signed certificate generated at start, ' +
    'which clients cannot verify; without --client-ca-file it cannot authenticate kubelets, controllers or administrators by certificate.',
  remediation:
    'Set --tls-cert-file, --tls-private-key-file and --client-ca-file (kubeadm sets them from /etc/kubernetes/pki).',
  nsa: ['encryption', 'control-plane-hardening'],
  references: ['CIS 1.2.24', 'CIS 1.2.25'],
  cis: ['1.2.24', '1.2.25'],
  target: 'inventory',
  run: ({ inventory }) =>
    missingFlags(inventory, 'kube-apiserver', ['tls-cert-file', 'tls-private-key-file', 'client-ca-file']),
};
