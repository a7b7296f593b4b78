import type { Inventory } from '../model/inventory.ts';
import type { Labels } from '../model/label-selector.ts';
import { formatPath } from '../model/path.ts';
import type { Workload } from '../model/workload.ts';
import type { AdminCompiledRule, AdminSide } from './admin-engine.ts';
import { adminVerdict } from './admin-engine.ts';
import type { CompiledRule, NetpolModel } from './engine.ts';
import { resolvePorts } from './engine.ts';
import { formatRange, parseCidr } from './ip.ts';
import type {
  AddressPeerSet,
  Coverage,
  NamespaceScope,
  PeerSet,
  PodsPeerSet,
  RulePeers,
} from './peer-set.ts';
import { adminPeers, asRulePeers, coverage, narrowTo, networkPolicyPeers } from './peer-set.ts';
import type { Direction, PolicyPort } from './policy.ts';
import type { NamedPort, PodClass } from './pods.ts';
import type { PortSet } from './ports.ts';
import { ALL_PORTS, formatPorts, intersectPorts, isEmptyPorts, subtractPorts, unionPorts } from './ports.ts';
import { subtractRanges } from './range-set.ts';
import { requirementsMatch } from './selector-sets.ts';

/**
 * What a workload is open to, broadest first: `unrestricted` (no policy applies in this direction),
 * `everywhere` (every pod and every address), `cluster` (every pod of every namespace), `external`
 * (addresses outside the pod network), `namespaces` (every pod of the namespaces a selector
 * selects), `namespace` (every pod of its own namespace), `pods` (pods a label selector selects).
 */
export type ExposureKind =
  'unrestricted' | 'everywhere' | 'cluster' | 'external' | 'namespaces' | 'namespace' | 'pods';

/** One kind of exposure: every peer of `peer` may connect on `ports` (those of broader entries left out). */
export interface Exposure {
  readonly kind: ExposureKind;
  readonly peer: PeerSet;
  readonly ports: PortSet;
  /** For a namespace selector: the namespaces of the input it selects. */
  readonly namespaces: readonly string[];
  /** The rules that admit the whole set: `NetworkPolicy ns/name spec.ingress[0]`, `AdminNetworkPolicy name rule r`. */
  readonly rules: readonly string[];
}

/** A workload's exposure in one direction. */
export interface DirectionExposure {
  /** Whether a NetworkPolicy isolates it in this direction. */
  readonly isolated: boolean;
  /** Whether an AdminNetworkPolicy or the BaselineAdminNetworkPolicy has rules for it in this direction. */
  readonly admin: boolean;
  readonly exposures: readonly Exposure[];
}

/** The exposure of the workloads of one pod class (they share every answer). */
export interface ClassExposure {
  readonly podClass: PodClass;
  readonly workloads: readonly Workload[];
  /** Reachable from every pod of some namespace it does not choose (any namespace), from outside the pod network, or unrestricted. */
  readonly exposed: boolean;
  readonly ingress: DirectionExposure;
  readonly egress: DirectionExposure;
}

const RANK: Readonly<Record<ExposureKind, number>> = {
  unrestricted: 0,
  everywhere: 1,
  cluster: 2,
  external: 3,
  namespaces: 4,
  namespace: 5,
  pods: 6,
};

/** Beyond this many partly-matching ANP Pass rules, they are all taken (members not narrowed) or none. */
const MAX_BRANCH_RULES = 10;

const EVERYWHERE: PeerSet = { type: 'everywhere' };
const CLUSTER: PeerSet = { type: 'pods', namespaces: { type: 'all' }, pods: [] };
const WHOLE_FAMILIES: readonly AddressPeerSet[] = ['0.0.0.0/0', '::/0'].map((text) => ({
  type: 'addresses',
  ranges: [parseCidr(text) ?? { family: 4, first: 0n, last: 0n }],
  text,
}));

function kindOf(peer: PeerSet): ExposureKind {
  if (peer.type === 'everywhere') return 'everywhere';
  if (peer.type === 'addresses') return 'external';
  if (peer.pods.length > 0) return 'pods';
  return peer.namespaces.type === 'all'
    ? 'cluster'
    : peer.namespaces.type === 'own'
      ? 'namespace'
      : 'namespaces';
}

const peerKeys = new WeakMap<PeerSet, string>();

/** A text equal for equal sets (remembered per object: rule peers recur for every class). */
function keyOf(peer: PeerSet): string {
  let key = peerKeys.get(peer);
  if (key === undefined) {
    key = JSON.stringify(peer, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    peerKeys.set(peer, key);
  }
  return key;
}

function isBroad(exposure: Exposure): boolean {
  if (exposure.kind === 'pods' && exposure.peer.type === 'pods')
    return exposure.peer.namespaces.type === 'all';
  return RANK[exposure.kind] <= RANK.external;
}

/**
 * For every pod class, what each kind of peer may open in each direction, from the policies' peers
 * as sets (any pod or address that could exist, not the pods of the input): the ports on which
 * every member of the set is allowed by the ANPs, the NetworkPolicies and the BANP in their order.
 * The other end's own policies are not counted (a pod yet to be created may have none).
 */
export function exposureOf(model: NetpolModel, inventory: Inventory): ClassExposure[] {
  const namespaces = new Map<string, Labels>();
  for (const [name, view] of inventory.namespaces) namespaces.set(name, view.labels);
  for (const podClass of model.pods.classes)
    if (!namespaces.has(podClass.namespace)) namespaces.set(podClass.namespace, podClass.namespaceLabels);
  const npPeers = new Map<CompiledRule, RulePeers>();
  const anpPeers = new Map<AdminCompiledRule, RulePeers>();
  const peersOf = (rule: CompiledRule, own: NamespaceScope): RulePeers => {
    let peers = npPeers.get(rule);
    if (!peers) npPeers.set(rule, (peers = networkPolicyPeers(rule, own)));
    return peers;
  };
  const peersOfAdmin = (rule: AdminCompiledRule): RulePeers => {
    let peers = anpPeers.get(rule);
    if (!peers) anpPeers.set(rule, (peers = adminPeers(rule)));
    return peers;
  };
  const selectedNamespaces = new Map<string, string[]>();
  const matchedNamespaces = (peer: PeerSet): string[] => {
    if (peer.type !== 'pods' || peer.namespaces.type !== 'selected') return [];
    const { requirements } = peer.namespaces;
    const key = keyOf(peer);
    let names = selectedNamespaces.get(key);
    if (!names) {
      names = [...namespaces]
        .filter(([, labels]) => requirementsMatch(requirements, labels))
        .map(([name]) => name)
        .sort();
      selectedNamespaces.set(key, names);
    }
    return names;
  };

  /** Answers of the admin tiers, shared by the classes with the same ANP/BANP rules, set, named ports and NetworkPolicy answer. */
  const adminAnswers = new Map<string, { ports: PortSet; rules: string[] }>();
  const ruleIds = new Map<CompiledRule, number>();
  const ruleId = (rule: CompiledRule): number => {
    let id = ruleIds.get(rule);
    if (id === undefined) ruleIds.set(rule, (id = ruleIds.size));
    return id;
  };
  /** How much of a set each admin rule takes in, and the partly-matching Pass rules, per rule group. */
  const shapes = new Map<string, { covers: Coverage[]; partial: number[] }>();
  const shapeOf = (admin: AdminSide, peer: PeerSet): { covers: Coverage[]; partial: number[] } => {
    const key = `${admin.group}|${keyOf(peer)}`;
    let shape = shapes.get(key);
    if (!shape) {
      const covers = admin.rules.map((rule) =>
        coverage(peersOfAdmin(rule), peer, model.options.ipBlockMatchesPods),
      );
      // A rule that takes in part of the set: for the ports it would decide, a Deny taken allows least and
      // an Allow not taken allows least, whatever the other rules do (each port is decided on its own);
      // a Pass can go either way, so both are followed, the members it passes narrowed to its peer.
      const partial = covers.flatMap((answer, index) =>
        answer === 'some' && admin.rules[index]?.action === 'Pass' ? [index] : [],
      );
      shapes.set(key, (shape = { covers, partial }));
    }
    return shape;
  };
  const adminForAll = (
    admin: AdminSide,
    peer: PeerSet,
    named: readonly NamedPort[] | undefined,
    isolated: boolean,
    networkPolicyFor: (members: PeerSet) => PortSet,
  ): { ports: PortSet; rules: string[] } => {
    const { covers, partial } = shapeOf(admin, peer);
    const resolved = new Map<readonly PolicyPort[] | undefined, PortSet>();
    const index = new Map(admin.rules.map((rule, i) => [rule, i]));
    // Beyond MAX_BRANCH_RULES, two ways only: every such Pass taken (the members not narrowed) and none.
    const many = partial.length > MAX_BRANCH_RULES;
    const branches = many ? 2 : 2 ** partial.length;
    const taken = (branch: number, bit: number): boolean =>
      many ? branch === 1 : (branch & (1 << bit)) !== 0;
    const rules: string[] = [];
    let result: PortSet | undefined;
    for (let branch = 0; branch < branches; branch++) {
      let members: PeerSet = peer;
      partial.forEach((i, bit) => {
        const rule = admin.rules[i];
        if (rule && !many && taken(branch, bit)) members = narrowTo(members, peersOfAdmin(rule)) ?? members;
      });
      const verdict = adminVerdict(
        admin,
        (rule) => {
          const i = index.get(rule) ?? -1;
          const answer = covers[i];
          if (answer !== 'some') return answer === 'all';
          if (rule.action !== 'Pass') return rule.action === 'Deny';
          return taken(branch, partial.indexOf(i));
        },
        (ports) => {
          let set = resolved.get(ports);
          if (!set) resolved.set(ports, (set = resolvePorts(ports, named)));
          return set;
        },
        { isolated, allowed: networkPolicyFor(members) },
      );
      result = result === undefined ? verdict.allowed : intersectPorts(result, verdict.allowed);
      if (branch === 0)
        for (const step of [...verdict.admin, ...verdict.baseline])
          if (step.rule.action === 'Allow')
            rules.push(`${step.rule.policy.kind} ${step.rule.policy.name} rule ${step.rule.rule.name}`);
    }
    return { ports: result ?? networkPolicyFor(peer), rules };
  };

  const direction = (podClass: PodClass, which: Direction): DirectionExposure => {
    const side = model[which][podClass.index];
    const admin = model.admin[which][podClass.index];
    const isolated = side?.isolated ?? false;
    if (!isolated && !admin)
      return {
        isolated,
        admin: false,
        exposures: [{ kind: 'unrestricted', peer: EVERYWHERE, ports: ALL_PORTS, namespaces: [], rules: [] }],
      };
    const own: NamespaceScope = {
      type: 'own',
      namespace: podClass.namespace,
      labels: podClass.namespaceLabels,
    };
    const named = which === 'ingress' ? podClass.namedPorts : undefined;
    const ipMatch = model.options.ipBlockMatchesPods;
    const candidates = new Map<string, PeerSet>();
    const add = (peer: PeerSet): void => {
      const key = keyOf(peer);
      if (!candidates.has(key)) candidates.set(key, peer);
    };
    for (const peer of [EVERYWHERE, CLUSTER, { type: 'pods', namespaces: own, pods: [] } as PodsPeerSet])
      add(peer);
    for (const peer of WHOLE_FAMILIES) add(peer);
    const addRule = (peers: RulePeers, blocks: CompiledRule['ipBlocks']): void => {
      for (const peer of peers.pods) add(peer);
      for (const block of blocks)
        add({
          type: 'addresses',
          ranges: subtractRanges([block.cidr], block.except),
          text:
            block.except.length === 0
              ? block.text
              : `${block.text} except ${block.except.map(formatRange).join(', ')}`,
        });
    };
    if (isolated) for (const rule of side?.rules ?? []) addRule(peersOf(rule, own), rule.ipBlocks);
    for (const rule of admin?.rules ?? [])
      if (rule.action === 'Allow') addRule(peersOfAdmin(rule), rule.ipBlocks);

    /** What the NetworkPolicies allow every member of a set, and the rules that do. */
    const networkPolicyAnswers = new Map<string, { ports: PortSet; rules: string[] }>();
    const networkPolicyFor = (peer: PeerSet): { ports: PortSet; rules: string[] } => {
      if (!isolated) return { ports: ALL_PORTS, rules: [] };
      const key = keyOf(peer);
      let answer = networkPolicyAnswers.get(key);
      if (!answer) networkPolicyAnswers.set(key, (answer = networkPolicyOf(peer)));
      return answer;
    };
    const networkPolicyOf = (peer: PeerSet): { ports: PortSet; rules: string[] } => {
      const sets: PortSet[] = [];
      const rules: string[] = [];
      for (const rule of side?.rules ?? []) {
        if (coverage(peersOf(rule, own), peer, ipMatch) !== 'all') continue;
        const ports = resolvePorts(rule.ports, named);
        if (isEmptyPorts(ports)) continue;
        sets.push(ports);
        rules.push(
          `NetworkPolicy ${rule.policy.namespace}/${rule.policy.name} ${formatPath(rule.rule.path)}`,
        );
      }
      return { ports: unionPorts(sets), rules };
    };
    const allowedForAll = (peer: PeerSet): { ports: PortSet; rules: string[] } => {
      const networkPolicy = networkPolicyFor(peer);
      if (!admin) return networkPolicy;
      // Without a partly-matching Pass the NetworkPolicies are asked about the whole set only.
      const policies =
        shapeOf(admin, peer).partial.length === 0
          ? formatPorts(networkPolicy.ports)
          : (side?.rules ?? []).map(ruleId).join(',');
      const key = `${which}|${admin.group}|${keyOf(peer)}|${which === 'ingress' ? podClass.namedPortsId : -1}|${String(isolated)}|${policies}`;
      let tiers = adminAnswers.get(key);
      if (!tiers)
        adminAnswers.set(
          key,
          (tiers = adminForAll(admin, peer, named, isolated, (members) => networkPolicyFor(members).ports)),
        );
      return { ports: tiers.ports, rules: [...networkPolicy.rules, ...tiers.rules] };
    };

    const computed: Exposure[] = [];
    for (const peer of candidates.values()) {
      const { ports, rules } = allowedForAll(peer);
      if (isEmptyPorts(ports)) continue;
      computed.push({ kind: kindOf(peer), peer, ports, namespaces: matchedNamespaces(peer), rules });
    }
    computed.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
    // Each entry keeps only the ports no broader entry (one whose set holds its set) already lists.
    const exposures: Exposure[] = [];
    computed.forEach((entry, i) => {
      let ports = entry.ports;
      computed.forEach((other, j) => {
        if (i === j || coverage(asRulePeers(other.peer), entry.peer, false) !== 'all') return;
        if (j > i && coverage(asRulePeers(entry.peer), other.peer, false) === 'all') return;
        ports = subtractPorts(ports, other.ports);
      });
      if (!isEmptyPorts(ports)) exposures.push({ ...entry, ports });
    });
    return { isolated, admin: admin !== undefined, exposures };
  };

  return model.pods.classes.map((podClass) => {
    const ingress = direction(podClass, 'ingress');
    return {
      podClass,
      workloads: podClass.workloads,
      exposed: ingress.exposures.some(isBroad),
      ingress,
      egress: direction(podClass, 'egress'),
    };
  });
}
