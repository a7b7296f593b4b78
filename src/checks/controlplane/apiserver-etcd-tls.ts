import { flagsNamed, listOf, viewsOf } from '../../controlplane/components.ts';
import { missingFlags } from '../../controlplane/required-flags.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The API server must talk to etcd over TLS with a client certificate, verifying etcd's CA. */
export const apiserverEtcdTls: InventoryCheck = {
  id: 'apiserver-etcd-tls',
  title: 'API server to etcd TLS',
  severity: 'high',
  theme: 'etcd',
  description:
    'etcd holds every Secret. kube-apiserver must reach it over https (--etcd-servers), present a client certificate ' +
    '(--etcd-certfile, --etcd-keyfile) and verify the server against the etcd CA (--etcd-cafile).',
  remediation: 'Use https:// etcd endpoints and set --etcd-cafile, --etcd-certfile and --etcd-keyfile.',
  nsa: ['etcd', 'encryption'],
  references: ['CIS 1.2.23', 'CIS 1.2.26'],
  cis: ['1.2.23', '1.2.26'],
  target: 'inventory',
  *run({ inventory }) {
    yield* missingFlags(inventory, 'kube-apiserver', ['etcd-cafile', 'etcd-certfile', 'etcd-keyfile']);
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      const flag = flagsNamed(view, 'etcd-servers').at(-1);
      for (const server of listOf(view, 'etcd-servers')) {
        if (!server.startsWith('https://'))
          yield flagViolation(
            view,
            flag,
            `kube-apiserver --etcd-servers includes ${server}, which is not https`,
          );
      }
    }
  },
};
