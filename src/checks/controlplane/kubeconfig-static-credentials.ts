import { entriesOf, kubeconfigs } from '../../controlplane/kubeconfigs.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Kubeconfig users must not carry static bearer tokens or passwords. */
export const kubeconfigStaticCredentials: InventoryCheck = {
  id: 'kubeconfig-static-credentials',
  title: 'Kubeconfig with static credentials',
  severity: 'high',
  theme: 'authn',
  description:
    'A token, tokenFile or username/password in a kubeconfig is a long-lived secret on disk: whoever copies the file is that user ' +
    'until the token is revoked on the server. Admin access should go through an exec credential plugin (OIDC) or short-lived certificates.',
  remediation:
    'Replace the static credential with an exec plugin (kubelogin, cloud CLI) or a short-lived client certificate.',
  nsa: ['kubeconfig-files', 'authentication'],
  mitre: ['T1552.001'],
  references: ['CIS 3.1.1', 'CIS 3.1.2'],
  cis: ['3.1.2'],
  target: 'inventory',
  *run({ inventory }) {
    for (const kubeconfig of kubeconfigs(inventory)) {
      for (const user of entriesOf(kubeconfig, 'users')) {
        for (const field of ['token', 'tokenFile', 'password']) {
          const value = user.body[field];
          if (typeof value === 'string' && value !== '')
            yield {
              resource: kubeconfig,
              path: ['users', user.index, 'user', field],
              message: `kubeconfig user ${user.name} carries a static ${field === 'password' ? 'password' : 'token'} (${field})`,
            };
        }
      }
    }
  },
};
