import type { Inventory } from '../model/inventory.ts';
import { ofKind } from '../model/inventory.ts';
import { selectorMatches } from '../model/label-selector.ts';
import type { Mapping } from '../model/path.ts';
import type { Workload } from '../model/workload.ts';
import { compileAdminPolicies } from './admin-engine.ts';
import type { CompiledRule, DirectionPolicy, NetpolModel, NetpolOptions } from './engine.ts';
import { buildNetpolModel, ignoresHostNetwork, ipBlockContains, UNISOLATED } from './engine.ts';
import type { Direction, IpBlockPeer, NetworkPolicy, Peer } from './policy.ts';
import type { PodClass } from './pods.ts';
import { podClassesOf } from './pods.ts';

/** Whether a NetworkPolicy peer of a policy in `namespace` takes in the class (see buildNetpolModel). */
function peerSelects(peer: Peer, namespace: string, podClass: PodClass, options: NetpolOptions): boolean {
  if (peer.type === 'ipBlock') return addressMatches(peer, podClass, options.ipBlockMatchesPods);
  if (ignoresHostNetwork(options) && podClass.hostNetwork) return false;
  const inNamespace =
    peer.namespaceSelector === undefined
      ? podClass.namespace === namespace
      : selectorMatches(peer.namespaceSelector, podClass.namespaceLabels);
  return (
    inNamespace && (peer.podSelector === undefined || selectorMatches(peer.podSelector, podClass.labels))
  );
}

/** Whether an address block holds a known address of the class (hostNetwork pods: the node's). */
function addressMatches(block: IpBlockPeer, podClass: PodClass, podAddresses: boolean): boolean {
  return (podAddresses || podClass.hostNetwork) && podClass.ips.some((ip) => ipBlockContains(block, ip));
}

/** Whether a NetworkPolicy selects the class (its `spec.podSelector` in its namespace). */
function policySelects(policy: NetworkPolicy, podClass: PodClass, options: NetpolOptions): boolean {
  return (
    podClass.namespace === policy.namespace &&
    !(ignoresHostNetwork(options) && podClass.hostNetwork) &&
    selectorMatches(policy.podSelector, podClass.labels)
  );
}

/**
 * The model of the inventory with `extraWorkloads` (NetpolOptions.extraWorkloads) added to `model`,
 * the inventory's model without them: what buildNetpolModel gives with those options, but only the
 * classes the extra workloads add (after the input's) are matched against the policies; the input's
 * classes keep their answers. Built in full when `model` already holds extra workloads or
 * AdminNetworkPolicies or ClusterNetworkPolicies apply.
 */
export function withExtraWorkloads(
  model: NetpolModel,
  inventory: Inventory,
  extraWorkloads: readonly Workload[],
): NetpolModel {
  const options: NetpolOptions = { ...model.options, extraWorkloads };
  const tiers = model.admin.policies;
  if ((model.options.extraWorkloads?.length ?? 0) > 0 || tiers.admin.length > 0 || tiers.baseline.length > 0)
    return buildNetpolModel(inventory, options);
  const pods = podClassesOf(inventory, options.ipBlockMatchesPods, extraWorkloads);
  const count = pods.classes.length;
  const added = pods.classes.slice(model.pods.classes.length);
  const current = (podClass: PodClass): PodClass => pods.classes[podClass.index] ?? podClass;

  const grown = new Map<Uint8Array, Uint8Array>();
  /** A class set over the input's classes, with the added classes `selects` takes in. */
  const grow = (set: Uint8Array, selects: (podClass: PodClass) => boolean): Uint8Array => {
    let next = grown.get(set);
    if (!next) {
      next = new Uint8Array(count);
      next.set(set);
      for (const podClass of added) if (selects(podClass)) next[podClass.index] = 1;
      grown.set(set, next);
    }
    return next;
  };
  const growRule = (policy: NetworkPolicy, rule: CompiledRule): CompiledRule => {
    const peers = rule.rule.peers ?? [];
    const selects = (peer: Peer | undefined) => (podClass: PodClass) =>
      peer !== undefined && peerSelects(peer, policy.namespace, podClass, options);
    return {
      ...rule,
      classes: grow(rule.classes, (podClass) => peers.some((peer) => selects(peer)(podClass))),
      peerSets: rule.peerSets.map((set, i) => grow(set, selects(peers[i]))),
    };
  };

  const selected = new Map<NetworkPolicy, readonly PodClass[]>();
  const rulesOf = new Map<NetworkPolicy, Readonly<Record<Direction, readonly CompiledRule[]>>>();
  const grownRules = new Map<CompiledRule, CompiledRule>();
  const addedSides: Record<Direction, { policies: NetworkPolicy[]; rules: CompiledRule[] }[]> = {
    ingress: added.map(() => ({ policies: [], rules: [] })),
    egress: added.map(() => ({ policies: [], rules: [] })),
  };
  for (const policy of model.policies) {
    const targets = added.filter((podClass) => policySelects(policy, podClass, options));
    selected.set(policy, [...(model.selected.get(policy) ?? []).map(current), ...targets]);
    const compiled = model.rulesOf.get(policy) ?? { ingress: [], egress: [] };
    const rules: Record<Direction, CompiledRule[]> = { ingress: [], egress: [] };
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of compiled[direction]) {
        const next = growRule(policy, rule);
        grownRules.set(rule, next);
        rules[direction].push(next);
      }
      if (!policy.isolates[direction]) continue;
      for (const podClass of targets) {
        const side = addedSides[direction][podClass.index - model.pods.classes.length];
        side?.policies.push(policy);
        for (const rule of rules[direction]) side?.rules.push(rule);
      }
    }
    rulesOf.set(policy, rules);
  }
  const sidesOf = (direction: Direction): DirectionPolicy[] => [
    ...model[direction].map((side) =>
      side.isolated
        ? {
            isolated: true,
            policies: side.policies,
            rules: side.rules.map((rule) => grownRules.get(rule) ?? rule),
          }
        : side,
    ),
    ...addedSides[direction].map((side) =>
      side.policies.length > 0 ? { isolated: true, policies: side.policies, rules: side.rules } : UNISOLATED,
    ),
  ];

  const admin = compileAdminPolicies(tiers, {
    classes: pods.classes,
    selectPods: (namespaceSelector: Mapping, podSelector: Mapping | undefined) => {
      const peer: Peer = { type: 'pods', namespaceSelector, podSelector, path: [] };
      const set = new Uint8Array(count);
      for (const podClass of pods.classes)
        if (peerSelects(peer, '', podClass, options)) set[podClass.index] = 1;
      return set;
    },
    hostNetworkIgnored: ignoresHostNetwork(options),
    nodes: ofKind(inventory, 'Node'),
    addressed: (block) => {
      const set = new Uint8Array(count);
      for (const podClass of pods.classes) if (addressMatches(block, podClass, true)) set[podClass.index] = 1;
      return set;
    },
  });
  return {
    options,
    policies: model.policies,
    pods,
    atoms: model.atoms,
    ingress: sidesOf('ingress'),
    egress: sidesOf('egress'),
    selected,
    rulesOf,
    admin,
  };
}
