import type { Inventory } from '../model/inventory.ts';
import { ofKind } from '../model/inventory.ts';
import type { Labels } from '../model/label-selector.ts';
import { NAMESPACE_NAME_LABEL } from '../model/namespace.ts';
import type { Mapping } from '../model/path.ts';
import type { Workload } from '../model/workload.ts';
import { isRecord } from '../model/path.ts';
import type { IpRange } from './ip.ts';
import type { AdminCompiledRule, AdminModel, AdminSide } from './admin-engine.ts';
import { adminVerdict, compileAdminPolicies } from './admin-engine.ts';
import { adminPoliciesOf } from './admin-policy.ts';
import type { HostNetworkMode } from './host-network.ts';
import { ipAtoms, rangeContains, rangesOverlap } from './ip.ts';
import type { Direction, IpBlockPeer, NetworkPolicy, PodPeer, PolicyPort, PolicyRule } from './policy.ts';
import { policiesOf } from './policy.ts';
import type { NamedPort, PodClass, PodClasses } from './pods.ts';
import { classesLabelled, podClassesOf } from './pods.ts';
import { selectorCache } from './selector-cache.ts';
import type { PortSet } from './ports.ts';
import { ALL_PORTS, portRange, unionPorts } from './ports.ts';

/** How the engine reads what the API leaves to the network plugin. */
export interface NetpolOptions {
  /**
   * Whether ipBlock peers match in-cluster pod addresses (upstream e2e and Cyclonus: yes; np-guard:
   * no). Only pods whose address is known (a Pod's `status.podIPs`) can match.
   */
  readonly ipBlockMatchesPods: boolean;
  /**
   * How policies treat hostNetwork pods. `ignore` (the common implementation, and the default):
   * no selector selects them, they are reached as their node (ipBlocks, ANP `nodes` peers) and a
   * hostNetwork DaemonSet's traffic comes from every pod's own node, which ingress isolation never
   * blocks. `pod`: they are selected and matched like any other pod.
   */
  readonly hostNetwork?: HostNetworkMode;
  /**
   * Pods the input does not hold but the question needs, modelled as workloads (an ingress
   * controller's pods given by namespace and labels): classed and matched like the input's own.
   */
  readonly extraWorkloads?: readonly Workload[];
}

export type { HostNetworkMode } from './host-network.ts';

/** Defaults: ipBlocks do not match pods (the docs say they are meant for cluster-external addresses). */
export const DEFAULT_NETPOL_OPTIONS: NetpolOptions = { ipBlockMatchesPods: false, hostNetwork: 'ignore' };

/** A rule prepared for matching: the pod classes its peers select, computed once. */
export interface CompiledRule {
  readonly policy: NetworkPolicy;
  readonly rule: PolicyRule;
  /** True when the rule lists no peers: every pod and every address. */
  readonly allPeers: boolean;
  /** 1 at the index of each pod class a peer selects. */
  readonly classes: Uint8Array;
  readonly ipBlocks: readonly IpBlockPeer[];
  readonly ports: readonly PolicyPort[] | undefined;
  /** True when `ports` names a port (the allowed numbers then depend on the destination pod). */
  readonly named: boolean;
  /** The classes each peer selects, in `rule.peers` order (empty when the rule lists no peers). */
  readonly peerSets: readonly Uint8Array[];
}

/** The policies that apply to a pod class in one direction. */
export interface DirectionPolicy {
  /** True when some policy selecting the class has this direction in its policyTypes. */
  readonly isolated: boolean;
  readonly policies: readonly NetworkPolicy[];
  readonly rules: readonly CompiledRule[];
}

/** One end of a connection: a pod class or a range of addresses outside every pod class. */
export type Endpoint =
  { readonly type: 'pods'; readonly podClass: PodClass } | { readonly type: 'ip'; readonly range: IpRange };

/** The side of a class no policy isolates in a direction (shared: most classes). */
const UNISOLATED: DirectionPolicy = { isolated: false, policies: [], rules: [] };

const DIRECTIONS = ['ingress', 'egress'] as const;

/** Everything the reachability questions are answered from, built once. */
export interface NetpolModel {
  readonly options: NetpolOptions;
  readonly policies: readonly NetworkPolicy[];
  readonly pods: PodClasses;
  /** Disjoint address ranges split at every CIDR boundary a policy mentions (IPv4 then IPv6). */
  readonly atoms: readonly IpRange[];
  /** Per class index. */
  readonly ingress: readonly DirectionPolicy[];
  readonly egress: readonly DirectionPolicy[];
  /** The classes each policy selects (its `spec.podSelector` in its namespace; never hostNetwork pods). */
  readonly selected: ReadonlyMap<NetworkPolicy, readonly PodClass[]>;
  /** Each policy's compiled rules, for the directions it isolates (a direction it does not list is empty). */
  readonly rulesOf: ReadonlyMap<NetworkPolicy, Readonly<Record<Direction, readonly CompiledRule[]>>>;
  /** AdminNetworkPolicies and the BaselineAdminNetworkPolicy, per class and direction. */
  readonly admin: AdminModel;
}

/** Whether selectors skip hostNetwork pods under the options. */
export function ignoresHostNetwork(options: NetpolOptions): boolean {
  return (options.hostNetwork ?? 'ignore') === 'ignore';
}

/**
 * Builds the model: pod classes, each policy's selected classes and each rule's peer classes.
 * Cost grows with policies × (classes of the namespaces a peer selects), never pods × pods × policies.
 */
export function buildNetpolModel(
  inventory: Inventory,
  options: NetpolOptions = DEFAULT_NETPOL_OPTIONS,
): NetpolModel {
  const policies = policiesOf(inventory);
  const adminPolicies = adminPoliciesOf(inventory);
  const ignoreHost = ignoresHostNetwork(options);
  const hasNetworks = [...adminPolicies.admin, ...adminPolicies.baseline].some((policy) =>
    policy.egress.some((rule) => rule.peers.some((peer) => peer.type === 'networks')),
  );
  const pods = podClassesOf(inventory, options.ipBlockMatchesPods || hasNetworks, options.extraWorkloads);
  const classCount = pods.classes.length;
  const byNamespace = new Map<string, PodClass[]>();
  for (const podClass of pods.classes) {
    const list = byNamespace.get(podClass.namespace) ?? [];
    list.push(podClass);
    byNamespace.set(podClass.namespace, list);
  }
  const namespaceNames = [...new Set([...inventory.namespaces.keys(), ...byNamespace.keys()])];
  const namespaceLabels = (name: string): Labels =>
    inventory.namespaces.get(name)?.labels ?? { [NAMESPACE_NAME_LABEL]: name };
  const labelIds = new Map<string, number>();
  const labelIdOf = pods.classes.map(({ labelsKey }) => {
    let id = labelIds.get(labelsKey);
    if (id === undefined) labelIds.set(labelsKey, (id = labelIds.size));
    return id;
  });
  const podMatcher = selectorCache();
  const namespaceMatcher = selectorCache();
  const classFilter = (selector: Mapping | undefined): ((podClass: PodClass) => boolean) => {
    if (selector === undefined) return () => true;
    const matches = podMatcher(selector);
    return (podClass) => matches(podClass.labels, labelIdOf[podClass.index] ?? 0);
  };
  /** The classes of a namespace a selector could select: those carrying its first matchLabels pair. */
  const candidates = (namespace: string, selector: Mapping | undefined): readonly PodClass[] => {
    const pair = firstMatchLabel(selector);
    return (
      (pair === undefined
        ? byNamespace.get(namespace)
        : classesLabelled(pods, namespace, pair[0], pair[1])) ?? []
    );
  };

  const ipRanges: IpRange[] = [];
  // The isolated sides by class index, per direction (classes no policy isolates share UNISOLATED).
  const isolatedSides: Record<
    Direction,
    Map<number, { policies: NetworkPolicy[]; rules: CompiledRule[] }>
  > = {
    ingress: new Map(),
    egress: new Map(),
  };
  const selected = new Map<NetworkPolicy, PodClass[]>();
  const rulesOf = new Map<NetworkPolicy, Record<Direction, CompiledRule[]>>();

  // Classes an ipBlock can match: pods with a known address (hostNetwork pods have the node's).
  const addressed = pods.classes.filter(
    (podClass) => podClass.ips.length > 0 && (options.ipBlockMatchesPods || podClass.hostNetwork),
  );
  // Equal pod peers (same selectors, same namespace when the namespace is implied) share one set.
  const peerSets = new Map<string, Uint8Array>();
  const podPeerClasses = (peer: PodPeer, policyNamespace: string): Uint8Array => {
    const key = JSON.stringify([
      peer.namespaceSelector ?? policyNamespace,
      peer.namespaceSelector === undefined,
      peer.podSelector ?? null,
    ]);
    const cached = peerSets.get(key);
    if (cached) return cached;
    const set = new Uint8Array(classCount);
    let namespaces = [policyNamespace];
    if (peer.namespaceSelector !== undefined) {
      const matches = namespaceMatcher(peer.namespaceSelector);
      namespaces = namespaceNames.filter((name, id) => matches(namespaceLabels(name), id));
    }
    const selects = classFilter(peer.podSelector);
    for (const namespace of namespaces) {
      for (const podClass of candidates(namespace, peer.podSelector)) {
        if (!(ignoreHost && podClass.hostNetwork) && selects(podClass)) set[podClass.index] = 1;
      }
    }
    peerSets.set(key, set);
    return set;
  };

  const compile = (policy: NetworkPolicy, rule: PolicyRule): CompiledRule => {
    const sets: Uint8Array[] = [];
    const ipBlocks: IpBlockPeer[] = [];
    for (const peer of rule.peers ?? []) {
      if (peer.type === 'pods') {
        sets.push(podPeerClasses(peer, policy.namespace));
        continue;
      }
      ipBlocks.push(peer);
      ipRanges.push(peer.cidr);
      for (const except of peer.except) ipRanges.push(except);
      const set = new Uint8Array(classCount);
      for (const podClass of addressed)
        if (podClass.ips.some((ip) => ipBlockContains(peer, ip))) set[podClass.index] = 1;
      sets.push(set);
    }
    const classes = sets.length === 1 && sets[0] ? sets[0] : new Uint8Array(classCount);
    if (sets.length > 1)
      for (const set of sets) for (let i = 0; i < classCount; i++) if (set[i] === 1) classes[i] = 1;
    return {
      policy,
      rule,
      allPeers: rule.peers === undefined,
      classes,
      ipBlocks,
      ports: rule.ports,
      named: rule.ports?.some((port) => typeof port.port === 'string') ?? false,
      peerSets: sets,
    };
  };

  for (const policy of policies) {
    const selects = classFilter(policy.podSelector);
    const targets = candidates(policy.namespace, policy.podSelector).filter(
      (podClass) => !(ignoreHost && podClass.hostNetwork) && selects(podClass),
    );
    selected.set(policy, targets);
    const compiled: Record<Direction, CompiledRule[]> = { ingress: [], egress: [] };
    rulesOf.set(policy, compiled);
    for (const direction of DIRECTIONS) {
      if (!policy.isolates[direction]) continue;
      const rules = policy[direction].map((rule) => compile(policy, rule));
      compiled[direction] = rules;
      const sides = isolatedSides[direction];
      for (const podClass of targets) {
        let side = sides.get(podClass.index);
        if (!side) sides.set(podClass.index, (side = { policies: [], rules: [] }));
        side.policies.push(policy);
        for (const rule of rules) side.rules.push(rule);
      }
    }
  }
  // ANP `networks` match every address, pods with a known one included (adminnetworkpolicy_types.go).
  const withAddress = pods.classes.filter((podClass) => podClass.ips.length > 0);
  const admin = compileAdminPolicies(adminPolicies, {
    classes: pods.classes,
    selectPods: (namespaceSelector, podSelector) =>
      podPeerClasses({ type: 'pods', namespaceSelector, podSelector, path: [] }, ''),
    hostNetworkIgnored: ignoreHost,
    nodes: ofKind(inventory, 'Node'),
    addressed: (block) => {
      const set = new Uint8Array(classCount);
      for (const podClass of withAddress)
        if (podClass.ips.some((ip) => ipBlockContains(block, ip))) set[podClass.index] = 1;
      return set;
    },
  });
  for (const range of admin.ranges) ipRanges.push(range);
  const sidesOf = (direction: Direction): DirectionPolicy[] =>
    pods.classes.map((podClass) => {
      const side = isolatedSides[direction].get(podClass.index);
      return side ? { isolated: true, policies: side.policies, rules: side.rules } : UNISOLATED;
    });
  const ingress = sidesOf('ingress');
  const egress = sidesOf('egress');
  return { options, policies, pods, atoms: ipAtoms(ipRanges), ingress, egress, selected, rulesOf, admin };
}

/** A selector's first `matchLabels` pair, when it has one with a string value (a label it requires). */
function firstMatchLabel(selector: Mapping | undefined): readonly [string, string] | undefined {
  const matchLabels = selector?.matchLabels;
  if (!isRecord(matchLabels)) return undefined;
  for (const key in matchLabels) {
    const value = matchLabels[key];
    return typeof value === 'string' ? [key, value] : undefined;
  }
  return undefined;
}

/** Whether an ipBlock holds the whole range (atoms are never split by a CIDR or except boundary). */
export function ipBlockContains(peer: IpBlockPeer, range: IpRange): boolean {
  return rangeContains(peer.cidr, range) && !peer.except.some((except) => rangesOverlap(except, range));
}

/** Whether a rule's peers take in the endpoint (the other end of the connection). */
export function ruleMatchesPeer(
  rule: Pick<CompiledRule, 'allPeers' | 'classes' | 'ipBlocks'>,
  peer: Endpoint,
): boolean {
  if (rule.allPeers) return true;
  if (peer.type === 'pods') return rule.classes[peer.podClass.index] === 1;
  return rule.ipBlocks.some((block) => ipBlockContains(block, peer.range));
}

/**
 * The ports a rule's `ports` allow towards a destination. Named ports resolve against the
 * destination pod's container ports with the same protocol; towards an address they match nothing.
 */
export function resolvePorts(
  ports: readonly PolicyPort[] | undefined,
  destination: readonly NamedPort[] | undefined,
): PortSet {
  if (ports === undefined) return ALL_PORTS;
  const sets: PortSet[] = [];
  for (const port of ports) {
    if (port.port === undefined) sets.push(portRange(port.protocol, 1, 65535));
    else if (typeof port.port === 'number')
      sets.push(portRange(port.protocol, port.port, port.endPort ?? port.port));
    else {
      for (const named of destination ?? [])
        if (named.name === port.port && named.protocol === port.protocol)
          sets.push(portRange(named.protocol, named.port, named.port));
    }
  }
  return unionPorts(sets);
}

type NamedPorts = readonly NamedPort[] | undefined;

function namedPortsOfEndpoint(endpoint: Endpoint): NamedPorts {
  return endpoint.type === 'pods' ? endpoint.podClass.namedPorts : undefined;
}

/** The rules of `side`'s policies in a direction that admit `peer` (ports not considered). */
export function matchingRules(side: DirectionPolicy, peer: Endpoint): CompiledRule[] {
  return side.rules.filter((rule) => ruleMatchesPeer(rule, peer));
}

/** What the NetworkPolicies of `side` allow from/to `peer` (every port when none isolates it). */
function networkPolicyAllowed(side: DirectionPolicy | undefined, peer: Endpoint, named: NamedPorts): PortSet {
  if (!side?.isolated) return ALL_PORTS;
  return unionPorts(matchingRules(side, peer).map((rule) => resolvePorts(rule.ports, named)));
}

/** Whether traffic from `source` comes from the destination's own node (see NetpolOptions.hostNetwork). */
export function isNodeLocal(model: NetpolModel, source: Endpoint): boolean {
  return ignoresHostNetwork(model.options) && source.type === 'pods' && source.podClass.nodeLocal;
}

/** The admin-tier verdict of one side, or undefined when no ANP/BANP applies to it. */
export function adminSideVerdict(
  model: NetpolModel,
  direction: Direction,
  self: Endpoint,
  other: Endpoint,
  named: NamedPorts,
): ReturnType<typeof adminVerdict> | undefined {
  if (self.type !== 'pods') return undefined;
  const admin: AdminSide | undefined = model.admin[direction][self.podClass.index];
  if (!admin) return undefined;
  const side = model[direction][self.podClass.index];
  const allowed =
    direction === 'ingress' && isNodeLocal(model, other)
      ? ALL_PORTS
      : networkPolicyAllowed(side, other, named);
  return adminVerdict(
    admin,
    (rule: AdminCompiledRule) => ruleMatchesPeer(rule, other),
    (ports) => resolvePorts(ports, named),
    { isolated: side?.isolated ?? false, allowed },
  );
}

/** What the source's egress allows towards the destination: ANPs, NetworkPolicies, BANP, in that order. */
export function egressAllowed(model: NetpolModel, source: Endpoint, destination: Endpoint): PortSet {
  if (source.type !== 'pods') return ALL_PORTS;
  const named = namedPortsOfEndpoint(destination);
  const verdict = adminSideVerdict(model, 'egress', source, destination, named);
  if (verdict) return verdict.allowed;
  return networkPolicyAllowed(model.egress[source.podClass.index], destination, named);
}

/** What the destination's ingress allows from the source: ANPs, NetworkPolicies, BANP, in that order. */
export function ingressAllowed(model: NetpolModel, source: Endpoint, destination: Endpoint): PortSet {
  if (destination.type !== 'pods') return ALL_PORTS;
  const named = destination.podClass.namedPorts;
  const verdict = adminSideVerdict(model, 'ingress', destination, source, named);
  if (verdict) return verdict.allowed;
  if (isNodeLocal(model, source)) return ALL_PORTS;
  return networkPolicyAllowed(model.ingress[destination.podClass.index], source, named);
}

/**
 * The connections policy allows from `source` to `destination`: what the source's egress allows
 * AND what the destination's ingress allows. Replies are implied (policies are stateful).
 */
export function allowedPorts(model: NetpolModel, source: Endpoint, destination: Endpoint): PortSet {
  const out = egressAllowed(model, source, destination);
  const into = ingressAllowed(model, source, destination);
  return intersectOrSame(out, into);
}

function intersectOrSame(a: PortSet, b: PortSet): PortSet {
  if (a === ALL_PORTS) return b;
  if (b === ALL_PORTS) return a;
  return {
    TCP: intersect(a.TCP, b.TCP),
    UDP: intersect(a.UDP, b.UDP),
    SCTP: intersect(a.SCTP, b.SCTP),
  };
}

function intersect(a: PortSet['TCP'], b: PortSet['TCP']): [number, number][] {
  const out: [number, number][] = [];
  for (const [a0, a1] of a)
    for (const [b0, b1] of b)
      if (Math.max(a0, b0) <= Math.min(a1, b1)) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return out.sort((x, y) => x[0] - y[0]);
}
