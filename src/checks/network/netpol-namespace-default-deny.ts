import type { InventoryViolation } from '../../model/check.ts';
import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import type { Direction, NetworkPolicy } from '../../netpol/policy.ts';

function isDefaultDeny(policy: NetworkPolicy, direction: Direction): boolean {
  return (
    policy.isolates[direction] &&
    policy[direction].length === 0 &&
    Object.keys(policy.podSelector).every((key) => {
      const value = policy.podSelector[key];
      return (
        value === null ||
        (Array.isArray(value)
          ? value.length === 0
          : typeof value === 'object' && Object.keys(value).length === 0)
      );
    })
  );
}

/** Every namespace that runs workloads should start from deny-all, in both directions. */
export const netpolNamespaceDefaultDeny: InventoryCheck = {
  id: 'netpol-namespace-default-deny',
  title: 'Namespace without default-deny NetworkPolicy',
  severity: 'medium',
  theme: 'network',
  description:
    'Without a policy that selects every pod (podSelector: {}) and isolates a direction with no rule, pods that no other policy selects accept (ingress) or open (egress) any connection. The hardening guide starts every namespace from deny-all and adds the routes its tests need. Namespaces that run only hostNetwork pods are skipped: policies do not apply to them.',
  remediation:
    'Add a NetworkPolicy with podSelector: {}, policyTypes: [Ingress, Egress] and no rules to the namespace (kubeward netpol generate writes one), then allow the flows the workloads need.',
  references: [
    'Kubernetes docs: network-policies#default-deny-all-ingress-traffic',
    'Kubernetes docs: network-policies#default-deny-all-egress-traffic',
    'Kubescape: C-0260',
    'kube-score: pod-networkpolicy',
  ],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    const namespaces = new Set(
      model.pods.classes.filter((podClass) => !podClass.hostNetwork).map((podClass) => podClass.namespace),
    );
    for (const [name, view] of inventory.namespaces) {
      if (!namespaces.has(name)) continue;
      const policies = model.policies.filter((policy) => policy.namespace === name);
      for (const direction of ['ingress', 'egress'] as const) {
        if (policies.some((policy) => isDefaultDeny(policy, direction))) continue;
        const violation: InventoryViolation = {
          resource: view.resource,
          object: { apiVersion: 'v1', kind: 'Namespace', namespace: '', name },
          path: [],
          message: `namespace ${name} has no default-deny ${direction} NetworkPolicy (podSelector: {} with ${direction === 'ingress' ? 'Ingress' : 'Egress'} in policyTypes and no rules)`,
        };
        yield violation;
      }
    }
  },
};
