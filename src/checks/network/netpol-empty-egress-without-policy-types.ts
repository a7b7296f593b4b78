import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { isRecord } from '../../model/path.ts';

/** `egress: []` without policyTypes reads as deny-all egress but the API makes the policy Ingress-only. */
export const netpolEmptyEgressWithoutPolicyTypes: InventoryCheck = {
  id: 'netpol-empty-egress-without-policy-types',
  title: 'egress: [] without policyTypes does not isolate egress',
  severity: 'medium',
  theme: 'network',
  description:
    'When spec.policyTypes is omitted the API server sets Ingress, and adds Egress only when spec.egress has at least one rule (pkg/apis/networking/v1/defaults.go). A policy written as deny-all egress with egress: [] therefore leaves egress open.',
  remediation: 'List the directions explicitly: policyTypes: [Ingress, Egress] (or [Egress]).',
  nsa: ['network-policies'],
  references: [
    'Kubernetes API: NetworkPolicySpec.policyTypes',
    'kubernetes/kubernetes: pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy',
  ],
  target: 'inventory',
  *run({ inventory, settings }) {
    for (const policy of checkModelOf(inventory, settings).policies) {
      const spec = policy.resource.object.spec;
      if (
        !policy.policyTypesInferred ||
        !isRecord(spec) ||
        !Array.isArray(spec.egress) ||
        spec.egress.length > 0
      )
        continue;
      yield {
        resource: policy.resource,
        path: ['spec', 'egress'],
        message: `NetworkPolicy ${policy.name} has egress: [] but no policyTypes, so it does not isolate egress`,
      };
    }
  },
};
