import type { AdminCompiledRule, AdminSide } from './admin-engine.ts';
import { adminVerdict } from './admin-engine.ts';
import type { NetpolModel } from './engine.ts';
import { ipBlockContains, resolvePorts } from './engine.ts';
import type { IpRange } from './ip.ts';
import type { NamedPort } from './pods.ts';
import type { PortSet } from './ports.ts';

/**
 * For one rule list, which of its rules admit each peer, as an id per peer: peers with equal ids are
 * admitted by the same rules. `matched[id]` flags those rules.
 */
interface TierIds {
  readonly ids: Int32Array;
  readonly matched: readonly Uint8Array[];
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

function tierIds(
  rules: readonly AdminCompiledRule[],
  count: number,
  admitted: (rule: AdminCompiledRule) => ArrayLike<number> | 'all',
): TierIds {
  const ids = new Int32Array(count);
  const matched: Uint8Array[] = [new Uint8Array(rules.length)];
  const transitions = new Map<number, number>();
  rules.forEach((rule, r) => {
    const step = (peer: number): void => {
      const previous = ids[peer] ?? 0;
      const key = previous * 0x20000 + r;
      let next = transitions.get(key);
      if (next === undefined) {
        const flags = (matched[previous] as Uint8Array).slice();
        flags[r] = 1;
        transitions.set(key, (next = matched.length));
        matched.push(flags);
      }
      ids[peer] = next;
    };
    const peers = admitted(rule);
    if (peers === 'all') for (let i = 0; i < count; i++) step(i);
    else for (let i = 0; i < peers.length; i++) step(peers[i] as number);
  });
  return { ids, matched };
}

/** Applies the admin tiers on top of the NetworkPolicy answers the matrix computed. */
export interface AdminMatrix {
  /** The final ingress id of `destination` from class `source` given the NetworkPolicy id. */
  ingress(destination: number, source: number, networkPolicyId: number): number;
  /** The final egress id of `source` towards class `destination` given the NetworkPolicy id. */
  egress(source: number, destination: number, networkPolicyId: number): number;
  /** Which rules of class `self`'s side admit each peer class, as ids (equal ids: equal verdicts). */
  peerIds(direction: 'ingress' | 'egress', self: number): Int32Array;
  /** The same towards or from an address atom. */
  atom(direction: 'ingress' | 'egress', podClass: number, atom: number, networkPolicyId: number): number;
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
          : tierIds(side.rules, atoms.length, (rule) => {
              if (rule.allPeers) return 'all';
              const list: number[] = [];
              atoms.forEach((atom: IpRange, a) => {
                if (rule.ipBlocks.some((block) => ipBlockContains(block, atom))) list.push(a);
              });
              return list;
            });
      table.set(side.group, ids);
    }
    return ids;
  };
  const caches = {
    ingress: classes.map(() => new Map<number | string, number>()),
    egress: classes.map(() => new Map<number | string, number>()),
  };
  const verdictId = (
    direction: 'ingress' | 'egress',
    self: number,
    side: AdminSide,
    flags: Uint8Array,
    matchedId: number,
    named: readonly NamedPort[] | undefined,
    namedKey: number,
    networkPolicyId: number,
    nodeLocal: boolean,
  ): number => {
    const cache = caches[direction][self] as Map<number | string, number>;
    const key =
      matchedId < 0x8000 && namedKey < 0x8000
        ? ((matchedId * 0x8000 + namedKey) * 2 + (nodeLocal ? 1 : 0)) * 0x200000 + networkPolicyId
        : `${matchedId}:${namedKey}:${nodeLocal}:${networkPolicyId}`;
    let id = cache.get(key);
    if (id === undefined) {
      const index = new Map(side.rules.map((rule, r) => [rule, r]));
      const verdict = adminVerdict(
        side,
        (rule) => flags[index.get(rule) ?? -1] === 1,
        (ports) => resolvePorts(ports, named),
        {
          isolated: isolated(direction, self),
          allowed: nodeLocal ? (sets[1] as PortSet) : (sets[networkPolicyId] as PortSet),
        },
      );
      cache.set(key, (id = intern(verdict.allowed)));
    }
    return id;
  };
  const nodeLocalSource = (source: number): boolean =>
    (model.options.hostNetwork ?? 'ignore') === 'ignore' && (classes[source]?.nodeLocal ?? false);
  return {
    peerIds(direction, self) {
      return idsOf(model.admin[direction][self] as AdminSide, 'classes', direction).ids;
    },
    ingress(destination, source, networkPolicyId) {
      const side = model.admin.ingress[destination] as AdminSide;
      const { ids, matched } = idsOf(side, 'classes', 'ingress');
      const matchedId = ids[source] ?? 0;
      const podClass = classes[destination];
      return verdictId(
        'ingress',
        destination,
        side,
        matched[matchedId] as Uint8Array,
        matchedId,
        podClass?.namedPorts,
        0,
        networkPolicyId,
        nodeLocalSource(source),
      );
    },
    egress(source, destination, networkPolicyId) {
      const side = model.admin.egress[source] as AdminSide;
      const { ids, matched } = idsOf(side, 'classes', 'egress');
      const matchedId = ids[destination] ?? 0;
      const podClass = classes[destination];
      const named = side.rules.some((rule) => rule.named);
      return verdictId(
        'egress',
        source,
        side,
        matched[matchedId] as Uint8Array,
        matchedId,
        podClass?.namedPorts,
        named ? (podClass?.namedPortsId ?? 0) + 1 : 0,
        networkPolicyId,
        false,
      );
    },
    atom(direction, podClass, atom, networkPolicyId) {
      const side = model.admin[direction][podClass] as AdminSide;
      const { ids, matched } = idsOf(side, 'atoms', direction);
      const matchedId = ids[atom] ?? 0;
      return verdictId(
        direction,
        podClass,
        side,
        matched[matchedId] as Uint8Array,
        matchedId,
        direction === 'ingress' ? classes[podClass]?.namedPorts : undefined,
        0,
        networkPolicyId,
        false,
      );
    },
  };
}
