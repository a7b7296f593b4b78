import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { formatPath, isRecord } from '../../model/path.ts';
import type { Inventory } from '../../model/inventory.ts';
import { ofKind, namespaceOf } from '../../model/inventory.ts';
import type { Labels } from '../../model/label-selector.ts';
import { labelsOf, mapSelectorMatches } from '../../model/label-selector.ts';
import type { PodClass } from '../../netpol/pods.ts';
import { workloadName } from '../../netpol/query.ts';

/**
 * The Service selectors that expose pods at the edge: LoadBalancer and NodePort Services, and
 * Services an Ingress sends traffic to, as `namespace` and selector pairs.
 */
function edgeSelectors(inventory: Inventory): { namespace: string; selector: Labels }[] {
  const ingressBackends = new Set<string>();
  for (const ingress of ofKind(inventory, 'Ingress')) {
    const namespace = namespaceOf(inventory, ingress);
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) for (const item of value as unknown[]) visit(item);
      else if (isRecord(value)) {
        if (isRecord(value.service) && typeof value.service.name === 'string')
          ingressBackends.add(`${namespace}/${value.service.name}`);
        if (typeof value.serviceName === 'string') ingressBackends.add(`${namespace}/${value.serviceName}`);
        for (const item of Object.values(value)) if (typeof item === 'object') visit(item);
      }
    };
    visit(ingress.object.spec);
  }
  const selectors: { namespace: string; selector: Labels }[] = [];
  for (const service of ofKind(inventory, 'Service')) {
    const spec = isRecord(service.object.spec) ? service.object.spec : {};
    const namespace = namespaceOf(inventory, service);
    if (
      spec.type !== 'LoadBalancer' &&
      spec.type !== 'NodePort' &&
      !ingressBackends.has(`${namespace}/${service.name}`)
    )
      continue;
    const selector = labelsOf(spec.selector);
    if (Object.keys(selector).length > 0) selectors.push({ namespace, selector });
  }
  return selectors;
}

/** Ingress open to every address, on pods that no edge Service or Ingress exposes. */
export const netpolIngressFromAnywhere: InventoryCheck = {
  id: 'netpol-ingress-from-anywhere',
  title: 'Ingress from 0.0.0.0/0 to a workload that is not an edge service',
  severity: 'medium',
  theme: 'network',
  description:
    'An ingress rule without peers, or with an ipBlock of 0.0.0.0/0 or ::/0, admits every address. Only edge workloads (behind a LoadBalancer or NodePort Service, or an Ingress) need that; for internal workloads it undoes the isolation the policy was written for.',
  remediation:
    'List the pods or namespaces that call the workload (podSelector / namespaceSelector) instead of every address.',
  nsa: ['network-policies'],
  mitre: ['T1046'],
  references: ['Kubescape: C-0260', 'np-guard netpol-analyzer: exposure analysis'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    const edgesByNamespace = new Map<string, ReturnType<typeof edgeSelectors>[number][]>();
    for (const edge of edgeSelectors(inventory)) {
      const edges = edgesByNamespace.get(edge.namespace);
      if (edges) edges.push(edge);
      else edgesByNamespace.set(edge.namespace, [edge]);
    }
    const isEdge = (podClass: PodClass): boolean =>
      (edgesByNamespace.get(podClass.namespace) ?? []).some((edge) =>
        mapSelectorMatches(edge.selector, podClass.labels),
      );
    for (const policy of model.policies) {
      if (!policy.isolates.ingress) continue;
      for (const rule of policy.ingress) {
        const wide =
          rule.peers === undefined
            ? 'every address'
            : rule.peers.find(
                (peer) =>
                  peer.type === 'ipBlock' &&
                  peer.cidr.first === 0n &&
                  peer.cidr.last === (peer.cidr.family === 4 ? 0xffffffffn : (1n << 128n) - 1n),
              );
        if (wide === undefined) continue;
        const internal = (model.selected.get(policy) ?? []).filter((podClass) => !isEdge(podClass));
        if (internal.length === 0) continue;
        const source = typeof wide === 'string' ? wide : wide.type === 'ipBlock' ? wide.text : '';
        const names = internal.flatMap((podClass) => podClass.workloads.map(workloadName)).sort();
        yield {
          resource: policy.resource,
          path: rule.path,
          message: `ingress rule ${formatPath(rule.path)} admits ${source} to ${names.join(', ')}, which no LoadBalancer, NodePort or Ingress exposes`,
        };
      }
    }
  },
};
