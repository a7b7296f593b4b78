import { kubeletConfigs, valueText } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The kubelet should manage its iptables chains so they stay in line with the node's networking. */
export const kubeletIptablesUtilChains: InventoryCheck = {
  id: 'kubelet-iptables-util-chains',
  title: 'Kubelet iptables utility chains',
  severity: 'low',
  theme: 'network',
  description:
    'makeIPTablesUtilChains (default true) has the kubelet create and keep the KUBE-FIREWALL and related iptables chains, among them the ' +
    'rule that drops martian traffic to localhost-bound services. Turned off, those rules are whatever other tools leave behind.',
  remediation: 'Set makeIPTablesUtilChains: true (or remove it) in the KubeletConfiguration.',
  nsa: ['worker-node-segmentation'],
  references: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  cis: ['4.2.6'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      const value = getAt(config.object, ['makeIPTablesUtilChains']);
      if (value !== undefined && value !== true)
        yield {
          resource: config,
          path: ['makeIPTablesUtilChains'],
          message: `kubelet makeIPTablesUtilChains is ${valueText(value)}, so it does not manage its iptables chains`,
        };
    }
  },
};
