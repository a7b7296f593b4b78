import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Secrets are stored in etcd in clear text unless the API server has an encryption provider config. */
export const apiserverEncryptionConfig: InventoryCheck = {
  id: 'apiserver-encryption-config',
  title: 'API server encryption at rest',
  severity: 'high',
  theme: 'keys',
  description:
    'Without --encryption-provider-config kube-apiserver writes Secrets to etcd unencrypted (the identity provider): ' +
    'anyone with an etcd backup or disk reads every credential in the cluster.',
  remediation:
    'Write an EncryptionConfiguration covering secrets with a kms (v2) or secretbox provider first and pass it with --encryption-provider-config.',
  nsa: ['encryption', 'secrets'],
  references: ['CIS 1.2.27', 'Kubescape C-0066'],
  cis: ['1.2.27'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      if (!flagOf(view, 'encryption-provider-config'))
        yield flagViolation(
          view,
          undefined,
          'kube-apiserver sets no --encryption-provider-config, so Secrets are stored unencrypted',
        );
    }
  },
};
