import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { mayMatchUnseenPods } from './unseen-pods.ts';

/** A policy whose podSelector matches no workload in its namespace has no effect. */
export const netpolPolicySelectsNothing: InventoryCheck = {
  id: 'netpol-policy-selects-nothing',
  title: 'NetworkPolicy selects no pod',
  severity: 'low',
  theme: 'network',
  description:
    'A policy whose spec.podSelector matches no pod template in its namespace isolates nothing: usually a typo in a label or the wrong namespace. hostNetwork pods do not count, policies do not apply to them. Where a workload of the manifests may create pods or their controllers by an RBAC rule naming them (an operator; a rule over every resource belongs to a deployment tool, which applies manifests like these) and the input does not list the running pods, the pods it makes are not in the manifests: a selector matching none there is not judged, unless it matches hostNetwork pods.',
  remediation:
    'Fix spec.podSelector or metadata.namespace so the policy selects the pods it was written for, or delete it.',
  nsa: ['network-policies'],
  references: ['np-guard netpol-analyzer: policy selects no pods warning', 'Cyclonus: lint'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    for (const policy of model.policies) {
      if ((model.selected.get(policy) ?? []).length > 0) continue;
      if (mayMatchUnseenPods({ inventory, settings }, [policy.namespace], policy.podSelector)) continue;
      yield {
        resource: policy.resource,
        path: ['spec', 'podSelector'],
        message: `NetworkPolicy ${policy.name} selects no pod in namespace ${policy.namespace}`,
      };
    }
  },
};
