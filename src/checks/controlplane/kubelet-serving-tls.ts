import { kubeletConfigs } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The kubelet must verify client certificates against a CA and serve a certificate clients can verify. */
export const kubeletServingTls: InventoryCheck = {
  id: 'kubelet-serving-tls',
  title: 'Kubelet client CA and serving certificate',
  severity: 'high',
  theme: 'tls',
  description:
    'Without authentication.x509.clientCAFile the kubelet cannot authenticate the API server by certificate. Without tlsCertFile/' +
    'tlsPrivateKeyFile or serverTLSBootstrap it serves a self-signed certificate generated at start, so the API server cannot ' +
    'verify it (--kubelet-certificate-authority is then useless).',
  remediation:
    'Set authentication.x509.clientCAFile to the cluster CA, and serverTLSBootstrap: true (with a CSR approver) or tlsCertFile and tlsPrivateKeyFile.',
  nsa: ['encryption'],
  references: ['CIS 4.2.3', 'CIS 4.2.9', 'Kubescape C-0070'],
  cis: ['4.2.3', '4.2.9'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      const clientCa = getAt(config.object, ['authentication', 'x509', 'clientCAFile']);
      if (typeof clientCa !== 'string' || clientCa === '')
        yield {
          resource: config,
          path: ['authentication', 'x509', 'clientCAFile'],
          message: 'kubelet sets no authentication.x509.clientCAFile',
        };
      const bootstrap = getAt(config.object, ['serverTLSBootstrap']) === true;
      const cert = getAt(config.object, ['tlsCertFile']);
      const key = getAt(config.object, ['tlsPrivateKeyFile']);
      if (!bootstrap && (typeof cert !== 'string' || cert === '' || typeof key !== 'string' || key === ''))
        yield {
          resource: config,
          path: [],
          message:
            'kubelet sets neither serverTLSBootstrap nor tlsCertFile and tlsPrivateKeyFile, so it serves a self-signed certificate',
        };
    }
  },
};
