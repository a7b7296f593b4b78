import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';

/**
 * A workload that no policy of its namespace selects accepts and opens every connection. A namespace
 * with no policy at all is left to netpol-namespace-default-deny.
 */
export const netpolWorkloadUnselected: InventoryCheck = {
  id: 'netpol-workload-unselected',
  title: 'Workload selected by no NetworkPolicy',
  severity: 'medium',
  theme: 'network',
  description:
    'A pod that no NetworkPolicy selects is isolated in neither direction: any pod or address may connect to it and it may connect anywhere, including the cloud metadata API. hostNetwork pods are outside NetworkPolicy and are not reported. Only namespaces that have some NetworkPolicy are looked at: a namespace with none is reported once by netpol-namespace-default-deny.',
  remediation:
    'Add a default-deny policy to the namespace and an allow policy whose podSelector matches the pod template labels.',
  nsa: ['network-policies'],
  mitre: ['T1046'],
  references: [
    'Kubernetes docs: network-policies#isolated-and-non-isolated-pods',
    'kube-score: pod-networkpolicy',
    'Polaris: missingNetworkPolicy',
  ],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    const governed = new Set(model.policies.map((policy) => policy.namespace));
    for (const podClass of model.pods.classes) {
      if (podClass.hostNetwork || !governed.has(podClass.namespace)) continue;
      if (model.ingress[podClass.index]?.isolated || model.egress[podClass.index]?.isolated) continue;
      for (const workload of podClass.workloads) {
        yield {
          resource: workload.resource,
          path: workload.metadataPath,
          message: `${workload.resource.kind} ${workload.resource.name} is selected by no NetworkPolicy in namespace ${workload.namespace}`,
        };
      }
    }
  },
};
