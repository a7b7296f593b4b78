import { kubeletConfigs, valueText } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Kubelet client and serving certificates must be rotated before they expire. */
export const kubeletCertificateRotation: InventoryCheck = {
  id: 'kubelet-certificate-rotation',
  title: 'Kubelet certificate rotation',
  severity: 'medium',
  theme: 'keys',
  description:
    'rotateCertificates (file default false) makes the kubelet request a new client certificate as the current one nears expiry; ' +
    'without it the node drops out of the cluster when the certificate expires. The RotateKubeletServerCertificate feature gate ' +
    '(on by default) must not be turned off.',
  remediation:
    'Set rotateCertificates: true (and serverTLSBootstrap: true with a CSR approver) in the KubeletConfiguration.',
  nsa: ['encryption'],
  references: ['CIS 4.2.10', 'CIS 4.2.11', 'CIS 1.3.6'],
  cis: ['4.2.10', '4.2.11'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      const rotate = getAt(config.object, ['rotateCertificates']);
      if (rotate !== true)
        yield {
          resource: config,
          path: rotate === undefined ? [] : ['rotateCertificates'],
          message: `kubelet rotateCertificates is ${rotate === undefined ? 'unset (default false)' : valueText(rotate)}`,
        };
      if (getAt(config.object, ['featureGates', 'RotateKubeletServerCertificate']) === false)
        yield {
          resource: config,
          path: ['featureGates', 'RotateKubeletServerCertificate'],
          message: 'kubelet featureGates.RotateKubeletServerCertificate is false',
        };
    }
  },
};
