import { missingFlags } from '../../controlplane/required-flags.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The API server must authenticate to kubelets with a client certificate and verify their serving certificates. */
export const apiserverKubeletTls: InventoryCheck = {
  id: 'apiserver-kubelet-tls',
  title: 'API server to kubelet TLS',
  severity: 'high',
  theme: 'tls',
  description:
    'kube-apiserver calls every kubelet for logs, exec and port-forward. Without --kubelet-client-certificate/--kubelet-client-key ' +
    'the kubelet cannot authenticate it; without --kubelet-certificate-authority it does not verify the kubelet, so anyone on the ' +
    'path can impersonate a node (kubeadm leaves this flag unset).',
  remediation:
    'Set --kubelet-client-certificate and --kubelet-client-key, enable kubelet serverTLSBootstrap with a CSR approver, and set --kubelet-certificate-authority to the CA that signs kubelet serving certificates.',
  nsa: ['encryption', 'control-plane-hardening'],
  references: ['CIS 1.2.4', 'CIS 1.2.5'],
  cis: ['1.2.4', '1.2.5'],
  target: 'inventory',
  run: ({ inventory }) =>
    missingFlags(inventory, 'kube-apiserver', [
      'kubelet-client-certificate',
      'kubelet-client-key',
      'kubelet-certificate-authority',
    ]),
};
