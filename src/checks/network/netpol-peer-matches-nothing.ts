import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { selectorMatches } from '../../model/label-selector.ts';
import { NAMESPACE_NAME_LABEL } from '../../model/namespace.ts';
import { formatPath } from '../../model/path.ts';
import type { Peer } from '../../netpol/policy.ts';
import { mayMatchUnseenPods } from './unseen-pods.ts';

/** Namespaces every cluster has, whether or not the manifests declare them. */
const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** A peer that no namespace or pod of the manifests can ever match. */
export const netpolPeerMatchesNothing: InventoryCheck = {
  id: 'netpol-peer-matches-nothing',
  title: 'NetworkPolicy peer matches nothing',
  severity: 'low',
  theme: 'network',
  description:
    'A from/to peer whose namespaceSelector matches no namespace (of the manifests, or default, kube-system, kube-public, kube-node-lease), or whose podSelector matches no pod in the namespaces it selects, allows nothing: the flow it was meant for stays blocked, or a label typo hides a wider mistake. Pods are only judged in namespaces whose workloads the manifests hold, and not where a workload of the manifests may create pods or their controllers by an RBAC rule naming them (an operator) while the input does not list the running pods, unless the peer matches hostNetwork pods there.',
  remediation:
    'Fix the labels of the peer (namespaces carry kubernetes.io/metadata.name=<name>) or remove the peer.',
  nsa: ['network-policies'],
  references: ['np-guard netpol-analyzer: exposure analysis (representative peers)', 'Cyclonus: lint'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    const namespaces = [
      ...inventory.namespaces.values(),
      ...BUILT_IN_NAMESPACES.filter((name) => !inventory.namespaces.has(name)).map((name) => ({
        name,
        labels: { [NAMESPACE_NAME_LABEL]: name },
      })),
    ];
    const described = new Set(model.pods.classes.map((podClass) => podClass.namespace));
    // Equal selectors select the same namespaces, and a set shared by peers holds a pod for all or none.
    const namespacesBySelector = new Map<string, string[]>();
    const selectsAPod = new Map<Uint8Array, boolean>();
    const peerSets = new Map<Peer, Uint8Array>();
    for (const rules of model.rulesOf.values()) {
      for (const rule of [...rules.ingress, ...rules.egress]) {
        (rule.rule.peers ?? []).forEach((peer, index) => {
          const set = rule.peerSets[index];
          if (set) peerSets.set(peer, set);
        });
      }
    }
    for (const policy of model.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const peer of rule.peers ?? []) {
          if (peer.type !== 'pods') continue;
          const { namespaceSelector } = peer;
          let selectedNamespaces = [policy.namespace];
          if (namespaceSelector !== undefined) {
            const key = JSON.stringify(namespaceSelector);
            let names = namespacesBySelector.get(key);
            if (!names) {
              names = namespaces
                .filter((view) => selectorMatches(namespaceSelector, view.labels))
                .map((view) => view.name);
              namespacesBySelector.set(key, names);
            }
            selectedNamespaces = names;
          }
          if (selectedNamespaces.length === 0) {
            yield {
              resource: policy.resource,
              path: [...peer.path, 'namespaceSelector'],
              message: `peer ${formatPath(peer.path)} namespaceSelector matches no namespace of the manifests`,
            };
            continue;
          }
          // Only namespaces the manifests describe (they hold a workload) can be said to lack a pod.
          if (!selectedNamespaces.every((name) => described.has(name))) continue;
          const set = peerSets.get(peer);
          let anyPod = set && selectsAPod.get(set);
          if (set && anyPod === undefined) selectsAPod.set(set, (anyPod = set.includes(1)));
          anyPod ??= model.pods.classes.some(
            (podClass) =>
              !podClass.hostNetwork &&
              selectedNamespaces.includes(podClass.namespace) &&
              (peer.podSelector === undefined || selectorMatches(peer.podSelector, podClass.labels)),
          );
          if (!anyPod && !mayMatchUnseenPods({ inventory, settings }, selectedNamespaces, peer.podSelector)) {
            yield {
              resource: policy.resource,
              path: [...peer.path, peer.podSelector === undefined ? 'namespaceSelector' : 'podSelector'],
              message: `peer ${formatPath(peer.path)} matches no pod in namespace${selectedNamespaces.length === 1 ? '' : 's'} ${selectedNamespaces.join(', ')}`,
            };
          }
        }
      }
    }
  },
};
