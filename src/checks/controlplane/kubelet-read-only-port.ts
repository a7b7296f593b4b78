import { kubeletConfigs, valueText } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The kubelet's read-only port serves pod specs and metrics over HTTP without any authentication. */
export const kubeletReadOnlyPort: InventoryCheck = {
  id: 'kubelet-read-only-port',
  title: 'Kubelet read-only port',
  severity: 'high',
  theme: 'authn',
  description:
    'readOnlyPort (usually 10255) serves /pods, /spec and /metrics over plain HTTP with no authentication or authorization, ' +
    'exposing every pod spec on the node (environment variables included). The config-file default is 0 (disabled).',
  remediation: 'Set readOnlyPort: 0 (or remove it) in the KubeletConfiguration.',
  nsa: ['worker-node-segmentation'],
  mitre: ['T1613'],
  references: ['CIS 4.2.4', 'kube-hunter KHV052'],
  cis: ['4.2.4'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      const port = getAt(config.object, ['readOnlyPort']);
      if (port !== undefined && port !== 0)
        yield {
          resource: config,
          path: ['readOnlyPort'],
          message: `kubelet readOnlyPort is ${valueText(port)}, serving pods without authentication`,
        };
    }
  },
};
