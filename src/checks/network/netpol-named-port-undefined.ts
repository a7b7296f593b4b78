import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { formatPath } from '../../model/path.ts';
import type { PodClass } from '../../netpol/pods.ts';

/**
 * A named port that none of the pods it resolves against defines (with that protocol): for ingress
 * the pods the policy selects, for egress the pods the rule's peers select.
 */
export const netpolNamedPortUndefined: InventoryCheck = {
  id: 'netpol-named-port-undefined',
  title: 'Named port defined by no pod',
  severity: 'low',
  theme: 'network',
  description:
    'A named port in a rule resolves per destination pod against its containers[].ports[].name with the same protocol. When no destination pod defines it, the port entry allows nothing. Egress named ports towards ipBlocks never resolve.',
  remediation:
    'Name the container port as the policy does (and with the same protocol), or use the port number.',
  nsa: ['network-policies'],
  references: [
    'np-guard netpol-analyzer#199',
    'np-guard netpol-analyzer#405',
    'Kubernetes API: NetworkPolicyPort.port',
  ],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    for (const policy of model.policies) {
      const selected = model.selected.get(policy) ?? [];
      if (selected.length === 0) continue;
      for (const direction of ['ingress', 'egress'] as const) {
        for (const rule of (model.rulesOf.get(policy)?.[direction] ?? []).filter((entry) => entry.named)) {
          const destinations: readonly PodClass[] =
            direction === 'ingress'
              ? selected
              : model.pods.classes.filter((podClass) => rule.allPeers || rule.classes[podClass.index] === 1);
          for (const port of rule.ports ?? []) {
            if (typeof port.port !== 'string') continue;
            const name = port.port;
            const defined = destinations.some((podClass) =>
              podClass.namedPorts.some((named) => named.name === name && named.protocol === port.protocol),
            );
            if (defined) continue;
            yield {
              resource: policy.resource,
              path: [...port.path, 'port'],
              message: `named port ${name}/${port.protocol} at ${formatPath(port.path)} is defined by no ${direction === 'ingress' ? 'selected' : 'destination'} pod`,
            };
          }
        }
      }
    }
  },
};
