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

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

const POLICY_TYPE: Readonly<Record<Direction, string>> = { ingress: 'Ingress', egress: 'Egress' };

function missingDefaultDeny(namespace: string, missing: readonly Direction[], hasPolicies: boolean): string {
  const fix = `podSelector: {} with ${missing.map((direction) => POLICY_TYPE[direction]).join(' and ')} in policyTypes and no rules`;
  return hasPolicies
    ? `namespace ${namespace} has no default-deny ${missing.join(' or ')} NetworkPolicy (${fix})`
    : `namespace ${namespace} has no NetworkPolicy: its pods accept and open any connection, with no default deny for ${missing.join(' or ')} (${fix})`;
}

/** Every namespace that runs workloads should start from deny-all, in both directions. */
export const netpolNamespaceDefaultDeny: InventoryCheck = {
  id: 'netpol-namespace-default-deny',
  title: 'Namespace without default-deny NetworkPolicy',
  severity: 'medium',
  theme: 'network',
  description:
    'Without a policy that selects every pod (podSelector: {}) and isolates a direction with no rule, pods that no other policy selects accept (ingress) or open (egress) any connection. One finding per namespace names the directions that lack a default deny; a namespace with no NetworkPolicy at all is reported here, not once per workload. The hardening guide starts every namespace from deny-all and adds the routes its tests need. Namespaces that run only hostNetwork pods are skipped: policies do not apply to them.',
  remediation:
    'Add a NetworkPolicy with podSelector: {}, policyTypes: [Ingress, Egress] and no rules to the namespace (kubeward netpol generate writes one), then allow the flows the workloads need.',
  nsa: ['network-policies'],
  mitre: ['T1046'],
  references: [
    'Kubernetes docs: network-policies#default-deny-all-ingress-traffic',
    'Kubernetes docs: network-policies#default-deny-all-egress-traffic',
    'Kubescape: C-0260',
    'kube-score: pod-networkpolicy',
  ],
  cis: ['5.3.2'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    const namespaces = new Set(
      model.pods.classes.filter((podClass) => !podClass.hostNetwork).map((podClass) => podClass.namespace),
    );
    for (const [name, view] of inventory.namespaces) {
      if (!namespaces.has(name)) continue;
      const policies = model.policies.filter((policy) => policy.namespace === name);
      const missing = DIRECTIONS.filter(
        (direction) => !policies.some((policy) => isDefaultDeny(policy, direction)),
      );
      if (missing.length === 0) continue;
      const violation: InventoryViolation = {
        resource: view.resource,
        object: { apiVersion: 'v1', kind: 'Namespace', namespace: '', name },
        path: [],
        message: missingDefaultDeny(name, missing, policies.length > 0),
      };
      yield violation;
    }
  },
};
