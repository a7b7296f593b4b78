import type { AdminCompiledRule, AdminSide } from './admin-engine.ts';
import { adminVerdict } from './admin-engine.ts';
import type { NetpolModel } from './engine.ts';
import { ipBlockContains, resolvePorts } from './engine.ts';
import type { IpRange } from './ip.ts';
import type { NamedPort, PodClass } from './pods.ts';
import type { PolicyPort } from './policy.ts';
import type { PortSet } from './ports.ts';
import { intersectPorts, NO_PORTS, unionPorts } from './ports.ts';

/**
 * For one rule list, which of its rules admit each peer, as an id per peer: peers with equal ids are
 * admitted by the same rules. `flagsOf(id)` flags those rules.
 */
interface TierIds {
  readonly ids: Int32Array;
  /** How many ids there are. */
  readonly count: number;
  flagsOf(id: number): Uint8Array;
}

function classIndexes(rule: AdminCompiledRule, cache: Map<AdminCompiledRule, Int32Array>): Int32Array {
  let indexes = cache.get(rule);
  if (!indexes) {
    const list: number[] = [];
    for (let i = 0; i < rule.classes.length; i++) if (rule.classes[i] === 1) list.push(i);
    cache.set(rule, (indexes = Int32Array.from(list)));
  }
  return indexes;
}

/**
 * Ids are numbered as rules are taken in order: each id but 0 (no rule) is its parent's rules plus
 * one more, so an id is a parent and a rule, and a peer moves to a child id per rule admitting it.
 */
function tierIds(
  rules: readonly AdminCompiledRule[],
  count: number,
  admitted: (rule: AdminCompiledRule) => ArrayLike<number> | 'all',
): TierIds {
  const ids = new Int32Array(count);
  const parents = [-1];
  const lastRules = [-1];
  /** The rule whose child of each id is known, and that child. */
  const stepRules = [-1];
  const children = [0];
  rules.forEach((rule, r) => {
    const step = (peer: number): void => {
      const previous = ids[peer] ?? 0;
      if (stepRules[previous] !== r) {
        stepRules[previous] = r;
        children[previous] = parents.length;
        parents.push(previous);
        lastRules.push(r);
        stepRules.push(-1);
        children.push(0);
      }
      ids[peer] = children[previous] ?? 0;
    };
    const peers = admitted(rule);
    if (peers === 'all') for (let i = 0; i < count; i++) step(i);
    else for (let i = 0; i < peers.length; i++) step(peers[i] as number);
  });
  return {
    ids,
    count: parents.length,
    flagsOf(id) {
      const flags = new Uint8Array(rules.length);
      for (let at = id; at > 0; at = parents[at] ?? 0) flags[lastRules[at] ?? 0] = 1;
      return flags;
    },
  };
}

/** Applies the admin tiers on top of the NetworkPolicy answers the matrix computed. */
export interface AdminMatrix {
  /** The fast path of a destination's ingress verdicts (see AdminLookup). */
  ingressLookup(destination: number): AdminLookup;
  /**
   * The fast path of a source's egress verdicts towards destinations with `destination`'s named ports
   * (all destinations alike when egressNamed is false).
   */
  egressLookup(source: number, destination: number): AdminLookup;
  /** Whether the source's egress verdicts depend on the destination's named ports. */
  egressNamed(source: number): boolean;
  /** Which rules of class `self`'s side admit each peer class, as ids (equal ids: equal verdicts). */
  peerIds(direction: 'ingress' | 'egress', self: number): Int32Array;
  /** For one class and direction: the fast path of its verdicts towards or from address atoms. */
  atomRow(direction: 'ingress' | 'egress', podClass: number): AdminLookup;
}

/**
 * The admin-tier layer of the matrix. Work is shared per group of equal rule lists: which rules admit
 * each peer is computed once per group (sparse, rule by rule), and a verdict is cached per
 * (group member, admitted-rules id, NetworkPolicy answer, named ports of the destination).
 */
export function adminMatrix(
  model: NetpolModel,
  sets: readonly PortSet[],
  intern: (set: PortSet) => number,
  isolated: (direction: 'ingress' | 'egress', podClass: number) => boolean,
): AdminMatrix {
  const classes = model.pods.classes;
  const n = classes.length;
  const atoms = model.atoms;
  const indexCache = new Map<AdminCompiledRule, Int32Array>();
  const atomCache = new Map<AdminCompiledRule, Int32Array>();
  /** The atoms a rule's address peers take in, once per rule (rules recur in many groups). */
  const atomIndexes = (rule: AdminCompiledRule): Int32Array => {
    let indexes = atomCache.get(rule);
    if (!indexes) {
      const list: number[] = [];
      if (rule.ipBlocks.length > 0)
        atoms.forEach((atom: IpRange, a) => {
          if (rule.ipBlocks.some((block) => ipBlockContains(block, atom))) list.push(a);
        });
      atomCache.set(rule, (indexes = Int32Array.from(list)));
    }
    return indexes;
  };
  const groupIds = {
    ingress: { classes: new Map<number, TierIds>(), atoms: new Map<number, TierIds>() },
    egress: { classes: new Map<number, TierIds>(), atoms: new Map<number, TierIds>() },
  };
  const idsOf = (side: AdminSide, kind: 'classes' | 'atoms', direction: 'ingress' | 'egress'): TierIds => {
    const table = groupIds[direction][kind];
    let ids = table.get(side.group);
    if (!ids) {
      ids =
        kind === 'classes'
          ? tierIds(side.rules, n, (rule) => (rule.allPeers ? 'all' : classIndexes(rule, indexCache)))
          : tierIds(side.rules, atoms.length, (rule) => (rule.allPeers ? 'all' : atomIndexes(rule)));
      table.set(side.group, ids);
    }
    return ids;
  };
  const tables = {
    ingress: new Map<number, GroupTable[]>(),
    egress: new Map<number, GroupTable[]>(),
  };
  /** The verdict table of a group for destinations with one named-port signature. */
  const tableOf = (direction: 'ingress' | 'egress', side: AdminSide, namedKey: number): GroupTable => {
    let byNamed = tables[direction].get(side.group);
    if (!byNamed) tables[direction].set(side.group, (byNamed = []));
    let table = byNamed[namedKey];
    if (!table) byNamed[namedKey] = table = groupTable(side);
    return table;
  };
  const mixed = new Map<number, Map<number, number>>();
  /** allowed ∪ (toNetworkPolicies ∩ the NetworkPolicy answer), interned, for the mixed case. */
  const mixedId = (allowedId: number, toNpId: number, networkPolicyId: number): number => {
    const pair = allowedId * 0x200000 + toNpId;
    let byAnswer = mixed.get(pair);
    if (!byAnswer) mixed.set(pair, (byAnswer = new Map<number, number>()));
    let id = byAnswer.get(networkPolicyId);
    if (id === undefined) {
      const set = unionPorts([
        sets[allowedId] as PortSet,
        intersectPorts(sets[toNpId] as PortSet, sets[networkPolicyId] as PortSet),
      ]);
      byAnswer.set(networkPolicyId, (id = intern(set)));
    }
    return id;
  };
  /** Fills the table's entries for one set of admitting rules (`matchedId`). */
  const fill = (
    table: GroupTable,
    side: AdminSide,
    flags: Uint8Array,
    matchedId: number,
    named: readonly NamedPort[] | undefined,
  ): void => {
    const index = table.index;
    const admits = (rule: AdminCompiledRule): boolean => flags[index.get(rule) ?? -1] === 1;
    const resolved = table.resolved;
    const resolve = (ports: Parameters<typeof resolvePorts>[0]): PortSet => {
      let set = resolved.get(ports);
      if (!set) resolved.set(ports, (set = resolvePorts(ports, named)));
      return set;
    };
    const baseline = adminVerdict(side, admits, resolve, { isolated: false, allowed: NO_PORTS });
    table.baseline[matchedId] = intern(baseline.allowed);
    // Isolated by NetworkPolicies that allow nothing: the ports the same admin steps allow.
    const allowedId = intern(
      unionPorts(baseline.admin.flatMap((step) => (step.rule.action === 'Allow' ? [step.ports] : []))),
    );
    const toNpId = intern(baseline.toNetworkPolicies);
    table.allowed[matchedId] = allowedId;
    table.toNetworkPolicies[matchedId] = toNpId;
    table.isolated[matchedId] =
      toNpId === 0 ? allowedId : toNpId === 1 && allowedId === 0 ? PASS_THROUGH : MIXED;
  };
  const verdictOf = (
    side: AdminSide,
    table: GroupTable,
    ids: TierIds,
    peer: number,
    named: readonly NamedPort[] | undefined,
    isolatedSide: boolean,
    networkPolicyId: number,
  ): number => {
    const matchedId = ids.ids[peer] ?? 0;
    let baseline = table.baseline[matchedId];
    if (baseline === undefined) {
      fill(table, side, ids.flagsOf(matchedId), matchedId, named);
      baseline = table.baseline[matchedId] ?? 0;
    }
    if (!isolatedSide) return baseline;
    const decided = table.isolated[matchedId] ?? MIXED;
    if (decided >= 0) return decided;
    if (decided === PASS_THROUGH) return networkPolicyId;
    return mixedId(table.allowed[matchedId] ?? 0, table.toNetworkPolicies[matchedId] ?? 0, networkPolicyId);
  };
  /** The fast path of one side's table: verdict ids per admitting-rules id, filled as met. */
  const lookup = (
    side: AdminSide,
    table: GroupTable,
    ids: TierIds,
    named: readonly NamedPort[] | undefined,
    isolatedSide: boolean,
  ): AdminLookup => {
    const which = isolatedSide ? 1 : 0;
    let lut = table.luts[which];
    if (!lut) table.luts[which] = lut = new Int32Array(ids.count).fill(UNKNOWN);
    const filled = lut;
    const denied = (table.denied ??= new Int32Array(ids.count).fill(UNKNOWN));
    return {
      ids: ids.ids,
      lut: filled,
      denied,
      resolve: (peer, networkPolicyId) => {
        const matchedId = ids.ids[peer] ?? 0;
        const dense = networkPolicyId < DENSE_ANSWERS;
        const row = dense ? table.mixedRows[matchedId] : undefined;
        const known = row?.[networkPolicyId] ?? 0;
        if (known > 0) return known - 1;
        const id = verdictOf(side, table, ids, peer, named, isolatedSide, networkPolicyId);
        const decided = isolatedSide ? (table.isolated[matchedId] ?? MIXED) : id;
        filled[matchedId] = decided;
        denied[matchedId] = table.allowed[matchedId] ?? UNKNOWN;
        if (decided === MIXED && dense)
          (table.mixedRows[matchedId] ??= new Int32Array(DENSE_ANSWERS))[networkPolicyId] = id + 1;
        return id;
      },
    };
  };
  const namedKeyOf = (side: AdminSide, podClass: PodClass | undefined): number =>
    side.rules.some((rule) => rule.named) ? (podClass?.namedPortsId ?? 0) + 1 : 0;
  return {
    peerIds(direction, self) {
      return idsOf(model.admin[direction][self] as AdminSide, 'classes', direction).ids;
    },
    ingressLookup(destination) {
      const side = model.admin.ingress[destination] as AdminSide;
      const podClass = classes[destination];
      return lookup(
        side,
        tableOf('ingress', side, namedKeyOf(side, podClass)),
        idsOf(side, 'classes', 'ingress'),
        podClass?.namedPorts,
        isolated('ingress', destination),
      );
    },
    egressLookup(source, destination) {
      const side = model.admin.egress[source] as AdminSide;
      const podClass = classes[destination];
      return lookup(
        side,
        tableOf('egress', side, namedKeyOf(side, podClass)),
        idsOf(side, 'classes', 'egress'),
        podClass?.namedPorts,
        isolated('egress', source),
      );
    },
    egressNamed(source) {
      return (model.admin.egress[source] as AdminSide).rules.some((rule) => rule.named);
    },
    atomRow(direction, podClass) {
      const side = model.admin[direction][podClass] as AdminSide;
      const self = classes[podClass];
      const named = direction === 'ingress' ? self?.namedPorts : undefined;
      // Atom verdicts get their own tables: their admitting-rule ids are numbered apart from classes'.
      const table = tableOf(
        direction,
        side,
        0x100000 + (direction === 'ingress' ? namedKeyOf(side, self) : 0),
      );
      const ids = idsOf(side, 'atoms', direction);
      const isolatedSide = isolated(direction, podClass);
      return lookup(side, table, ids, named, isolatedSide);
    },
  };
}

export const PASS_THROUGH = -1;
/** Some ports decided by admin rules, the rest by the NetworkPolicies: computed per answer. */
const MIXED = -2;
/** NetworkPolicy answers below this id have their mixed verdicts in flat rows. */
const DENSE_ANSWERS = 256;
/** Not computed yet. */
const UNKNOWN = -3;

/**
 * One side's verdicts for the matrix's inner loops: `lut[ids[peer]]` is a port-set id, or
 * PASS_THROUGH (the NetworkPolicy answer itself), or another negative value: then `resolve`.
 */
export interface AdminLookup {
  readonly ids: Int32Array;
  readonly lut: Int32Array;
  /**
   * `denied[ids[peer]]`: the verdict when NetworkPolicies isolate the pod and allow no port (the ports
   * the admin tier allows), or UNKNOWN. Most mixed cells meet this answer.
   */
  readonly denied: Int32Array;
  readonly resolve: (peer: number, networkPolicyId: number) => number;
}

/**
 * The port-set id of one cell: the admin verdict for `peer` over the NetworkPolicy answer `answer`
 * (a port-set id), from the fast tables when they hold it.
 */
export function adminCell(fast: AdminLookup, peer: number, answer: number): number {
  const matchedId = fast.ids[peer] ?? 0;
  const v = fast.lut[matchedId] ?? UNKNOWN;
  if (v >= 0) return v;
  if (v === PASS_THROUGH) return answer;
  if (answer === 0) {
    const allowed = fast.denied[matchedId] ?? UNKNOWN;
    if (allowed >= 0) return allowed;
  }
  return fast.resolve(peer, answer);
}

/**
 * Verdict ids of one group (and named-port signature), per admitting-rules id: with no NetworkPolicy
 * isolating the pod (`baseline`: ANPs, then the BANP, then allow), and with one isolating it
 * (`isolated`: a port-set id when the ANPs decided every port, else PASS_THROUGH or MIXED, for which
 * `allowed` and `toNetworkPolicies` hold the parts).
 */
interface GroupTable {
  /** Mixed verdicts (isolated side) per admitting-rules id, by NetworkPolicy answer id (id + 1; 0: unknown). */
  readonly mixedRows: Int32Array[];
  /** Fast-path tables: not isolated, isolated (see AdminLookup). */
  readonly luts: (Int32Array | undefined)[];
  /** See AdminLookup.denied (isolated sides only). */
  denied?: Int32Array;
  readonly index: ReadonlyMap<AdminCompiledRule, number>;
  /** Rule ports resolved for the table's named-port signature. */
  readonly resolved: Map<readonly PolicyPort[] | undefined, PortSet>;
  readonly baseline: number[];
  readonly isolated: number[];
  readonly allowed: number[];
  readonly toNetworkPolicies: number[];
}

function groupTable(side: AdminSide): GroupTable {
  return {
    mixedRows: [],
    luts: [],
    index: new Map(side.rules.map((rule, r) => [rule, r])),
    resolved: new Map(),
    baseline: [],
    isolated: [],
    allowed: [],
    toNetworkPolicies: [],
  };
}
