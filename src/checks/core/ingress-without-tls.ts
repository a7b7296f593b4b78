import { isRecord } from '../../model/path.ts';
import type { ResourceCheck } from '../check.ts';

/** Traffic through an Ingress without `tls` travels in clear text to the cluster edge. */
export const ingressWithoutTls: ResourceCheck = {
  id: 'ingress-without-tls',
  title: 'Ingress without TLS',
  severity: 'medium',
  theme: 'tls',
  description:
    'An Ingress with no spec.tls entry serves its hosts over plain HTTP: credentials and session cookies cross the network unencrypted.',
  remediation: 'Add spec.tls with the hosts and a certificate Secret (cert-manager can issue and rotate it).',
  references: ['Polaris: tlsSettingsMissing', 'Kubescape: C-0263'],
  kinds: ['Ingress'],
  target: 'resource',
  *run(resource) {
    const spec = resource.object.spec;
    const tls = isRecord(spec) ? spec.tls : undefined;
    if (!Array.isArray(tls) || tls.length === 0) {
      yield {
        path: isRecord(spec) ? ['spec'] : [],
        message: 'Ingress serves its hosts without TLS (no spec.tls)',
      };
    }
  },
};
