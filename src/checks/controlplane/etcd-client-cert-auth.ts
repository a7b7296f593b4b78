import { booleanFlag } from '../../controlplane/boolean-flag.ts';
import { viewsOf } from '../../controlplane/components.ts';
import { missingFlags } from '../../controlplane/required-flags.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** etcd must serve clients over TLS with a real certificate and require client certificates from a CA. */
export const etcdClientCertAuth: InventoryCheck = {
  id: 'etcd-client-cert-auth',
  title: 'etcd client TLS and certificate authentication',
  severity: 'critical',
  theme: 'etcd',
  description:
    'etcd enables no transport security by default. Clients must be served with --cert-file/--key-file, authenticated with ' +
    '--client-cert-auth=true against --trusted-ca-file, and --auto-tls (a self-signed certificate with no identity) must be off; ' +
    'otherwise anyone who reaches port 2379 reads every Secret.',
  remediation:
    'Set --cert-file, --key-file, --trusted-ca-file and --client-cert-auth=true; remove --auto-tls.',
  nsa: ['etcd'],
  references: ['CIS 2.1', 'CIS 2.2', 'CIS 2.3', 'CIS 2.7', 'kube-hunter KHV033'],
  cis: ['2.1', '2.2', '2.3'],
  target: 'inventory',
  *run({ inventory }) {
    yield* missingFlags(inventory, 'etcd', ['cert-file', 'key-file', 'trusted-ca-file']);
    for (const view of viewsOf(inventory, 'etcd')) {
      const auth = booleanFlag(view, 'client-cert-auth', false);
      if (auth.value !== true)
        yield flagViolation(
          view,
          auth.flag,
          auth.flag
            ? `etcd --client-cert-auth=${auth.flag.value} accepts clients without a certificate`
            : 'etcd sets no --client-cert-auth, so clients need no certificate',
        );
      const autoTls = booleanFlag(view, 'auto-tls', false);
      if (autoTls.value !== false)
        yield flagViolation(
          view,
          autoTls.flag,
          `etcd --auto-tls=${autoTls.flag?.value ?? ''} serves a self-signed certificate`,
        );
    }
  },
};
