import { kubeletConfigs, valueText } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The kubelet should refuse to start when kernel tunables differ from what it expects, not silently change them. */
export const kubeletProtectKernelDefaults: InventoryCheck = {
  id: 'kubelet-protect-kernel-defaults',
  title: 'Kubelet protectKernelDefaults',
  severity: 'low',
  theme: 'linux',
  description:
    'With protectKernelDefaults: true the kubelet errors out when kernel sysctls (vm.overcommit_memory, kernel.panic, ...) differ ' +
    'from its defaults instead of modifying them, so node hardening done by the administrator is not overridden. Default false.',
  remediation:
    'Set protectKernelDefaults: true in the KubeletConfiguration after setting the expected sysctls on the node.',
  references: ['CIS 4.2.6 (benchmark ≤ 1.24)', 'Kubescape C-0177'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      const value = getAt(config.object, ['protectKernelDefaults']);
      if (value !== true)
        yield {
          resource: config,
          path: value === undefined ? [] : ['protectKernelDefaults'],
          message: `kubelet protectKernelDefaults is ${value === undefined ? 'unset (default false)' : valueText(value)}`,
        };
    }
  },
};
