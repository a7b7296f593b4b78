import { booleanFlag } from '../../controlplane/boolean-flag.ts';
import { viewsOf } from '../../controlplane/components.ts';
import { missingFlags } from '../../controlplane/required-flags.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** etcd members must talk to each other over mutually authenticated TLS. */
export const etcdPeerCertAuth: InventoryCheck = {
  id: 'etcd-peer-cert-auth',
  title: 'etcd peer TLS and certificate authentication',
  severity: 'high',
  theme: 'etcd',
  description:
    'Peer traffic replicates the whole keyspace. Members must present --peer-cert-file/--peer-key-file, require peer ' +
    'certificates (--peer-client-cert-auth=true) and not use --peer-auto-tls self-signed certificates.',
  remediation:
    'Set --peer-cert-file, --peer-key-file, --peer-trusted-ca-file and --peer-client-cert-auth=true; remove --peer-auto-tls.',
  nsa: ['etcd'],
  references: ['CIS 2.4', 'CIS 2.5', 'CIS 2.6'],
  cis: ['2.4', '2.5', '2.6'],
  target: 'inventory',
  *run({ inventory }) {
    yield* missingFlags(inventory, 'etcd', ['peer-cert-file', 'peer-key-file']);
    for (const view of viewsOf(inventory, 'etcd')) {
      const auth = booleanFlag(view, 'peer-client-cert-auth', false);
      if (auth.value !== true)
        yield flagViolation(
          view,
          auth.flag,
          auth.flag
            ? `etcd --peer-client-cert-auth=${auth.flag.value} accepts peers without a certificate`
            : 'etcd sets no --peer-client-cert-auth, so peers need no certificate',
        );
      const autoTls = booleanFlag(view, 'peer-auto-tls', false);
      if (autoTls.value !== false)
        yield flagViolation(
          view,
          autoTls.flag,
          `etcd --peer-auto-tls=${autoTls.flag?.value ?? ''} serves a self-signed peer certificate`,
        );
    }
  },
};
