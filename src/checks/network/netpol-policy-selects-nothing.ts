import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';

/** A policy whose podSelector matches no workload in its namespace has no effect. */
export const netpolPolicySelectsNothing: InventoryCheck = {
  id: 'netpol-policy-selects-nothing',
  title: 'NetworkPolicy selects no pod',
  severity: 'low',
  theme: 'network',
  description:
    'A policy whose spec.podSelector matches no pod template in its namespace isolates nothing: usually a typo in a label or the wrong namespace. hostNetwork pods do not count, policies do not apply to them.',
  remediation:
    'Fix spec.podSelector or metadata.namespace so the policy selects the pods it was written for, or delete it.',
  nsa: ['network-policies'],
  references: ['np-guard netpol-analyzer: policy selects no pods warning', 'Cyclonus: lint'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    for (const policy of model.policies) {
      if ((model.selected.get(policy) ?? []).length > 0) continue;
      yield {
        resource: policy.resource,
        path: ['spec', 'podSelector'],
        message: `NetworkPolicy ${policy.name} selects no pod in namespace ${policy.namespace}`,
      };
    }
  },
};
