import { flagOf, flagsNamed, listOf, componentViews } from '../../controlplane/components.ts';
import { STRONG_CIPHER_SUITES, isWeakMinVersion } from '../../controlplane/tls-policy.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Control-plane components and kubelets must not accept TLS below 1.2 or weak cipher suites. */
export const tlsVersionAndCiphers: InventoryCheck = {
  id: 'tls-version-and-ciphers',
  title: 'TLS minimum version and cipher suites',
  severity: 'medium',
  theme: 'tls',
  description:
    "Components default to Go's TLS settings (TLS 1.2 and AEAD suites first). An explicit --tls-min-version of TLS 1.0/1.1, or a " +
    '--tls-cipher-suites (etcd: --cipher-suites, kubelet: tlsCipherSuites) list with CBC, RC4, 3DES or non-ECDHE suites, re-opens ' +
    'downgrade and padding-oracle attacks.',
  remediation:
    'Set the minimum version to VersionTLS12 or VersionTLS13 and list only ECDHE AEAD suites (or leave both unset).',
  nsa: ['encryption'],
  references: ['CIS 1.2.29', 'CIS 4.2.12'],
  cis: ['1.2.29', '4.2.12'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of componentViews(inventory)) {
      const minimum = flagOf(view, 'tls-min-version');
      if (minimum && isWeakMinVersion(minimum.value))
        yield flagViolation(
          view,
          minimum,
          `${view.component} --tls-min-version=${minimum.value} allows TLS below 1.2`,
        );
      const name = view.component === 'etcd' ? 'cipher-suites' : 'tls-cipher-suites';
      const flag = flagsNamed(view, name).at(-1);
      for (const suite of listOf(view, name))
        if (!STRONG_CIPHER_SUITES.has(suite))
          yield flagViolation(view, flag, `${view.component} --${name} includes weak suite ${suite}`);
    }
    for (const config of inventory.configs) {
      if (config.kind !== 'KubeletConfiguration') continue;
      const minimum = getAt(config.object, ['tlsMinVersion']);
      if (typeof minimum === 'string' && isWeakMinVersion(minimum))
        yield {
          resource: config,
          path: ['tlsMinVersion'],
          message: `kubelet tlsMinVersion ${minimum} allows TLS below 1.2`,
        };
      const suites = getAt(config.object, ['tlsCipherSuites']);
      if (!Array.isArray(suites)) continue;
      for (const [index, suite] of suites.entries())
        if (typeof suite === 'string' && !STRONG_CIPHER_SUITES.has(suite))
          yield {
            resource: config,
            path: ['tlsCipherSuites', index],
            message: `kubelet tlsCipherSuites includes weak suite ${suite}`,
          };
    }
  },
};
