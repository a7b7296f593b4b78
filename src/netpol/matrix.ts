import { adminCell, adminMatrix } from './admin-matrix.ts';
import type { CompiledRule, DirectionPolicy, NetpolModel } from './engine.ts';
import { ignoresHostNetwork, ipBlockContains, resolvePorts } from './engine.ts';
import type { IpRange } from './ip.ts';
import { peerGroups } from './peer-groups.ts';
import type { NamedPort, PodClass } from './pods.ts';
import type { PortSet } from './ports.ts';
import { ALL_PORTS, formatPorts, intersectPorts, NO_PORTS, unionPorts } from './ports.ts';

/**
 * Who can reach whom, per pod class and address atom. Cells hold indexes into `portSets`
 * (index 0 is no port, 1 is every port), so equal answers share one object.
 */
export interface ReachabilityMatrix {
  readonly model: NetpolModel;
  readonly portSets: readonly PortSet[];
  /** `classToClass[source * classes + destination]`. */
  readonly classToClass: Uint32Array;
  /** `atomToClass[atom * classes + destination]`: ingress from outside addresses. */
  readonly atomToClass: Uint32Array;
  /** `classToAtom[source * atoms + atom]`: egress to outside addresses. */
  readonly classToAtom: Uint32Array;
}

/** Interns port sets by their text so equal sets share an index. */
function portSetTable(): { readonly sets: PortSet[]; intern(set: PortSet): number } {
  const sets: PortSet[] = [NO_PORTS, ALL_PORTS];
  const ids = new Map<string, number>([
    [formatPorts(NO_PORTS), 0],
    [formatPorts(ALL_PORTS), 1],
  ]);
  return {
    sets,
    intern(set) {
      const key = formatPorts(set);
      let id = ids.get(key);
      if (id === undefined) {
        ids.set(key, (id = sets.length));
        sets.push(set);
      }
      return id;
    },
  };
}

type MaskKey = number | string;

/** Port-set ids below this have their pairwise intersections in a flat table. */
const DENSE_IDS = 512;

/** Verdicts per destination group kept for sources with equal egress rules (4 bytes each). */
const SHARED_VERDICTS = 1 << 22;

/** Rules per class that fit a numeric mask key (mask × 2^16 + salt stays a safe integer). */
const MASK_RULES = 24;

/** Which rules admit the peer (class index `peer`, or an atom when `atom` is given), as a cache key. */
function maskKey(
  rules: readonly CompiledRule[],
  peer: number,
  atom: IpRange | undefined,
  salt: number,
): MaskKey {
  if (rules.length <= MASK_RULES && salt < 0x10000) {
    let mask = 0;
    for (let i = 0; i < rules.length; i++)
      if (ruleAdmits(rules[i] as CompiledRule, peer, atom)) mask |= 1 << i;
    return mask * 0x10000 + salt;
  }
  let key = `${salt}:`;
  for (let i = 0; i < rules.length; i++) if (ruleAdmits(rules[i] as CompiledRule, peer, atom)) key += `${i},`;
  return key;
}

/** The union of the ports of the rules whose bit is set in `mask`, resolved for the destination. */
function unionOfMask(
  rules: readonly CompiledRule[],
  mask: number,
  destination: readonly NamedPort[] | undefined,
): PortSet {
  const sets: PortSet[] = [];
  rules.forEach((rule, bit) => {
    if ((mask & (1 << bit)) !== 0) sets.push(resolvePorts(rule.ports, destination));
  });
  return unionPorts(sets);
}

function ruleAdmits(rule: CompiledRule, peer: number, atom: IpRange | undefined): boolean {
  if (rule.allPeers) return true;
  if (atom === undefined) return rule.classes[peer] === 1;
  return rule.ipBlocks.some((block) => ipBlockContains(block, atom));
}

function unionOfMatching(
  rules: readonly CompiledRule[],
  peer: number,
  atom: IpRange | undefined,
  destination: PodClass | undefined,
): PortSet {
  const sets: PortSet[] = [];
  for (const rule of rules)
    if (ruleAdmits(rule, peer, atom)) sets.push(resolvePorts(rule.ports, destination?.namedPorts));
  return unionPorts(sets);
}

/**
 * Computes the full matrix. Per destination the ingress answer depends only on which of its rules
 * admit the source (a bit mask), per source the egress answer on which rules admit the destination
 * and the destination's named ports; both are cached, so a pair costs a few bit tests. Masks are
 * built rule by rule over whole rows of the rules' class sets, never policy by policy per pair.
 */
export function reachabilityMatrix(model: NetpolModel): ReachabilityMatrix {
  const classes = model.pods.classes;
  const atoms = model.atoms;
  const n = classes.length;
  const table = portSetTable();
  const ingressCache = classes.map(() => new Map<MaskKey, number>());
  const egressCache = classes.map(() => new Map<MaskKey, number>());
  const combined = new Map<number, number>();
  // Intersections of the first port sets, by index (id + 1; 0: not computed): most cells meet these.
  const denseCombined = new Uint32Array(DENSE_IDS * DENSE_IDS);

  const side = (policies: readonly DirectionPolicy[], index: number): DirectionPolicy | undefined => {
    const entry = policies[index];
    return entry?.isolated ? entry : undefined;
  };
  const ingressId = (destination: PodClass, peer: number, atom: IpRange | undefined): number => {
    const entry = side(model.ingress, destination.index);
    if (!entry) return 1;
    const cache = ingressCache[destination.index] as Map<MaskKey, number>;
    const key = maskKey(entry.rules, peer, atom, 0);
    let id = cache.get(key);
    if (id === undefined)
      cache.set(key, (id = table.intern(unionOfMatching(entry.rules, peer, atom, destination))));
    return id;
  };
  const egressId = (
    source: PodClass,
    destination: PodClass | undefined,
    peer: number,
    atom: IpRange | undefined,
  ): number => {
    const entry = side(model.egress, source.index);
    if (!entry) return 1;
    const cache = egressCache[source.index] as Map<MaskKey, number>;
    const salt = destination && entry.rules.some((rule) => rule.named) ? destination.namedPortsId + 1 : 0;
    const key = maskKey(entry.rules, peer, atom, salt);
    let id = cache.get(key);
    if (id === undefined)
      cache.set(key, (id = table.intern(unionOfMatching(entry.rules, peer, atom, destination))));
    return id;
  };
  const combine = (out: number, into: number): number => {
    if (out === 1) return into;
    if (into === 1 || out === into) return out;
    if (out === 0 || into === 0) return 0;
    const small = out < DENSE_IDS && into < DENSE_IDS ? out * DENSE_IDS + into : -1;
    if (small >= 0 && (denseCombined[small] ?? 0) > 0) return (denseCombined[small] ?? 1) - 1;
    const key = out * 0x100000 + into;
    let id = combined.get(key);
    if (id === undefined) {
      combined.set(
        key,
        (id = table.intern(intersectPorts(table.sets[out] as PortSet, table.sets[into] as PortSet))),
      );
    }
    if (small >= 0) denseCombined[small] = id + 1;
    return id;
  };

  // Pass 1, per destination column: which of its ingress rules admit each source, as a bit mask.
  const classToClass = new Uint32Array(n * n).fill(1);
  const masks = new Int32Array(n);
  const fillMasks = (rules: readonly CompiledRule[]): void => {
    masks.fill(0);
    rules.forEach((rule, bit) => {
      const flag = 1 << bit;
      if (rule.allPeers) for (let i = 0; i < n; i++) masks[i] = (masks[i] ?? 0) | flag;
      else for (let i = 0; i < n; i++) if (rule.classes[i] === 1) masks[i] = (masks[i] ?? 0) | flag;
    });
  };
  const admin = adminMatrix(
    model,
    table.sets,
    (set) => table.intern(set),
    (direction, c) =>
      direction === 'ingress' ? side(model.ingress, c) !== undefined : side(model.egress, c) !== undefined,
  );
  const nodeLocal = ignoresHostNetwork(model.options)
    ? classes.filter((podClass) => podClass.nodeLocal).map((podClass) => podClass.index)
    : [];
  // Sources no ingress rule tells apart (same rules' class sets, both node-local or not) get equal
  // rows here: each column is computed for the first source of each group, whose row is then copied.
  const nodeLocalKeys = new Int32Array(n);
  for (const s of nodeLocal) nodeLocalKeys[s] = 1;
  const { groups: ingressGroup, count: ingressGroups } = peerGroups(
    ruleClassSets(model, 'ingress'),
    nodeLocalKeys,
  );
  const representative = new Int32Array(ingressGroups).fill(-1);
  for (let s = n - 1; s >= 0; s--) representative[ingressGroup[s] ?? 0] = s;
  const adminColumn = (d: number): void => {
    if (!model.admin.ingress[d]) return;
    const fast = admin.ingressLookup(d);
    for (const s of representative) {
      const cell = s * n + d;
      classToClass[cell] = adminCell(fast, s, classToClass[cell] ?? 0);
    }
  };
  for (let d = 0; d < n; d++) {
    const destination = classes[d] as PodClass;
    const entry = side(model.ingress, d);
    if (!entry) {
      adminColumn(d);
      continue;
    }
    if (entry.rules.length > MASK_RULES) {
      for (const s of representative) {
        const id = ingressId(destination, s, undefined);
        classToClass[s * n + d] = nodeLocalKeys[s] === 1 ? 1 : id;
      }
      adminColumn(d);
      continue;
    }
    fillMasks(entry.rules);
    const cache = ingressCache[d] as Map<MaskKey, number>;
    for (const s of nodeLocal) masks[s] = -1;
    const fast = model.admin.ingress[d] ? admin.ingressLookup(d) : undefined;
    let lastMask = -2;
    let lastId = 0;
    for (const s of representative) {
      const mask = masks[s] ?? 0;
      if (mask !== lastMask) {
        const key = mask * 0x10000;
        let id = mask === -1 ? 1 : cache.get(key);
        if (id === undefined)
          cache.set(key, (id = table.intern(unionOfMask(entry.rules, mask, destination.namedPorts))));
        lastMask = mask;
        lastId = id;
      }
      classToClass[s * n + d] = fast ? adminCell(fast, s, lastId) : lastId;
    }
  }
  for (let s = 0; s < n; s++) {
    const from = representative[ingressGroup[s] ?? 0] ?? s;
    if (from !== s) classToClass.copyWithin(s * n, from * n, from * n + n);
  }
  const namedKeys = classes.map((podClass) => podClass.namedPortsId);
  /** A source's egress verdict per destination, from the fast tables (one per named-port signature). */
  const egressVerdicts = (s: number): ((d: number, answer: number) => number) => {
    const named = admin.egressNamed(s);
    const lookups: ReturnType<typeof admin.egressLookup>[] = [];
    const only = named ? undefined : admin.egressLookup(s, 0);
    return (d, answer) => {
      let fast = only;
      if (!fast) {
        const key = namedKeys[d] ?? 0;
        fast = lookups[key] ??= admin.egressLookup(s, d);
      }
      return adminCell(fast, d, answer);
    };
  };
  // Pass 2, per source row: its egress rules admitting each destination, met with the ingress answer.
  // Destinations no egress rule tells apart (same rules' class sets, same named ports) share a verdict.
  const egressSets = ruleClassSets(model, 'egress');
  const { groups: egressGroup, count: egressGroups } = peerGroups(egressSets, namedKeys);
  // Sources with the same egress policies and admin rules have the same verdict per destination group,
  // computed once; sources whose verdicts are equal and whose ingress group is equal have equal rows.
  const policyIndex = new Map(model.policies.map((policy, index) => [policy, index]));
  const egressMembers = groupMembers(egressGroup, egressGroups);
  const firstOfGroup = egressMembers.first;
  /** Distinct verdict vectors (over destination groups) by content, and kept ones by id. */
  const vectorIds = new Map<string, number>();
  const vectors: Int32Array[] = [];
  let sharedBudget = SHARED_VERDICTS;
  const vectorOf = new Map<string, number>();
  const scratch = new Int32Array(egressGroups);
  /** Rows already final, by ingress group and egress verdicts: an equal row is a copy. */
  const finishedRows = new Map<string, number>();
  const egressKeys: (string | undefined)[] = [];
  /** NetworkPolicy egress verdicts per destination group, by the source's policies (`policiesKey`). */
  const policyVectors = new Map<string, Int32Array>();
  /** Admin egress verdicts, by admin group and whether NetworkPolicies isolate the source. */
  const adminVerdicts = new Map<string, (d: number, answer: number) => number>();
  /** The egress verdict of source `s` per destination group, into `into`. */
  const egressVector = (s: number, policiesKey: string, into: Int32Array): Int32Array => {
    const source = classes[s] as PodClass;
    const entry = side(model.egress, s);
    let answers = policyVectors.get(policiesKey);
    if (!answers) {
      answers = new Int32Array(egressGroups).fill(1);
      if (entry)
        for (let g = 0; g < egressGroups; g++) {
          const d = firstOfGroup[g] ?? 0;
          answers[g] = egressId(source, classes[d], d, undefined);
        }
      policyVectors.set(policiesKey, answers);
    }
    const adminSide = model.admin.egress[s];
    if (!adminSide) return answers;
    const outKey = `${String(adminSide.group)}|${entry ? 'isolated' : ''}`;
    let out = adminVerdicts.get(outKey);
    if (!out) adminVerdicts.set(outKey, (out = egressVerdicts(s)));
    for (let g = 0; g < egressGroups; g++) into[g] = out(firstOfGroup[g] ?? 0, answers[g] ?? 0);
    return into;
  };
  for (let s = 0; s < n; s++) {
    const entry = side(model.egress, s);
    if (!entry && model.admin.egress[s] === undefined) continue;
    const row = s * n;
    const policiesKey = entry ? entry.policies.map((policy) => policyIndex.get(policy)).join(',') : '-';
    const rowKey = `${policiesKey}|${String(model.admin.egress[s]?.group ?? -1)}`;
    egressKeys[s] = rowKey;
    let id = vectorOf.get(rowKey);
    let verdicts = id === undefined ? undefined : vectors[id];
    if (!verdicts) {
      verdicts = egressVector(s, policiesKey, scratch);
      const content = verdicts.join(',');
      id = vectorIds.get(content);
      if (id === undefined) vectorIds.set(content, (id = vectorIds.size));
      vectorOf.set(rowKey, id);
      if (!vectors[id] && sharedBudget >= egressGroups) {
        sharedBudget -= egressGroups;
        vectors[id] = verdicts = verdicts.slice();
      }
    }
    const finalKey = `${String(ingressGroup[s] ?? 0)}|${String(id)}`;
    const equal = finishedRows.get(finalKey);
    if (equal !== undefined) {
      classToClass.copyWithin(row, equal * n, equal * n + n);
      continue;
    }
    finishedRows.set(finalKey, s);
    meetRow(classToClass, row, egressMembers, verdicts, combine, denseCombined);
  }
  // Addresses: each rule's admitted atoms are marked once (atoms never straddle a CIDR boundary).
  const atomCount = atoms.length;
  const atomSets = new Map<CompiledRule, Uint8Array>();
  const atomsOf = (rule: CompiledRule): Uint8Array => {
    let set = atomSets.get(rule);
    if (!set) {
      set = new Uint8Array(atomCount);
      if (rule.allPeers) set.fill(1);
      for (const block of rule.ipBlocks) {
        const blockSet = new Uint8Array(atomCount);
        markAtoms(atoms, block.cidr, blockSet, 1);
        for (const except of block.except) markAtoms(atoms, except, blockSet, 0);
        for (let a = 0; a < atomCount; a++) if (blockSet[a] === 1) set[a] = 1;
      }
      atomSets.set(rule, set);
    }
    return set;
  };
  const atomMasks = new Int32Array(atomCount);
  const fillAtomMasks = (rules: readonly CompiledRule[]): void => {
    atomMasks.fill(0);
    rules.forEach((rule, bit) => {
      const set = atomsOf(rule);
      for (let a = 0; a < atomCount; a++) if (set[a] === 1) atomMasks[a] = (atomMasks[a] ?? 0) | (1 << bit);
    });
  };
  const atomToClass = new Uint32Array(atomCount * n).fill(1);
  const classToAtom = new Uint32Array(n * atomCount).fill(1);
  /** Sources with equal egress rules have equal rows towards addresses. */
  const egressAtomRows = new Map<string, number>();
  for (let c = 0; c < n; c++) {
    const podClass = classes[c] as PodClass;
    for (const direction of ['ingress', 'egress'] as const) {
      const entry = side(direction === 'ingress' ? model.ingress : model.egress, c);
      const key = direction === 'egress' ? egressKeys[c] : undefined;
      const equal = key === undefined ? undefined : egressAtomRows.get(key);
      if (equal !== undefined) {
        classToAtom.copyWithin(c * atomCount, equal * atomCount, equal * atomCount + atomCount);
        continue;
      }
      if (key !== undefined) egressAtomRows.set(key, c);
      const cell = (a: number): number => (direction === 'ingress' ? a * n + c : c * atomCount + a);
      const target = direction === 'ingress' ? atomToClass : classToAtom;
      const adminAtoms = (): void => {
        if (!model.admin[direction][c]) return;
        const fast = admin.atomRow(direction, c);
        for (let a = 0; a < atomCount; a++) {
          const at = direction === 'ingress' ? a * n + c : c * atomCount + a;
          target[at] = adminCell(fast, a, target[at] ?? 0);
        }
      };
      if (!entry) {
        adminAtoms();
        continue;
      }
      if (entry.rules.length > MASK_RULES) {
        atoms.forEach((atom, a) => {
          target[cell(a)] =
            direction === 'ingress' ? ingressId(podClass, -1, atom) : egressId(podClass, undefined, -1, atom);
        });
        adminAtoms();
        continue;
      }
      fillAtomMasks(entry.rules);
      const fast = model.admin[direction][c] ? admin.atomRow(direction, c) : undefined;
      const cache = (direction === 'ingress' ? ingressCache : egressCache)[c] as Map<MaskKey, number>;
      const named = direction === 'ingress' ? podClass.namedPorts : undefined;
      let lastMask = -1;
      let id = 0;
      for (let a = 0; a < atomCount; a++) {
        const mask = atomMasks[a] ?? 0;
        if (mask !== lastMask) {
          const known = cache.get(mask * 0x10000);
          if (known === undefined)
            cache.set(mask * 0x10000, (id = table.intern(unionOfMask(entry.rules, mask, named))));
          else id = known;
          lastMask = mask;
        }
        target[cell(a)] = fast ? adminCell(fast, a, id) : id;
      }
    }
  }
  return { model, portSets: table.sets, classToClass, atomToClass, classToAtom };
}

/** The members of each group, in index order: `order[offsets[g]]` to `order[offsets[g + 1] - 1]`. */
interface GroupMembers {
  readonly order: Int32Array;
  readonly offsets: Int32Array;
  /** The first member of each group. */
  readonly first: Int32Array;
}

function groupMembers(groupOf: Int32Array, count: number): GroupMembers {
  const offsets = new Int32Array(count + 1);
  for (const group of groupOf) offsets[group + 1] = (offsets[group + 1] ?? 0) + 1;
  for (let g = 0; g < count; g++) offsets[g + 1] = (offsets[g + 1] ?? 0) + (offsets[g] ?? 0);
  const order = new Int32Array(groupOf.length);
  const next = offsets.slice(0, count);
  groupOf.forEach((group, member) => {
    order[next[group] ?? 0] = member;
    next[group] = (next[group] ?? 0) + 1;
  });
  return { order, offsets, first: Int32Array.from({ length: count }, (_, g) => order[offsets[g] ?? 0] ?? 0) };
}

/**
 * Pass 2 over one source row: each cell's ingress answer met with the egress verdict of the
 * destination's group (`verdicts`, by group). Groups whose verdict is every port keep their cells as
 * they are, so only the other groups' members are visited. The common intersections are read from
 * `dense` inline; the rest go through `combine`.
 */
function meetRow(
  cells: Uint32Array,
  row: number,
  members: GroupMembers,
  verdicts: Int32Array,
  combine: (out: number, into: number) => number,
  dense: Uint32Array,
): void {
  const { order, offsets } = members;
  for (let g = 0; g < verdicts.length; g++) {
    const out = verdicts[g] ?? 0;
    if (out === 1) continue;
    const end = offsets[g + 1] ?? 0;
    for (let k = offsets[g] ?? 0; k < end; k++) {
      const at = row + (order[k] ?? 0);
      const into = cells[at] ?? 0;
      if (into === 0 || out === into) continue;
      if (into === 1 || out === 0) {
        cells[at] = out;
        continue;
      }
      const known = out < DENSE_IDS && into < DENSE_IDS ? (dense[out * DENSE_IDS + into] ?? 0) : 0;
      cells[at] = known > 0 ? known - 1 : combine(out, into);
    }
  }
}

/**
 * The class sets of every rule in one direction that can tell two peers apart: each NetworkPolicy
 * rule once, and the admin rules of each group of equal admin rule lists once.
 */
function ruleClassSets(model: NetpolModel, direction: 'ingress' | 'egress'): Uint8Array[] {
  const sets: Uint8Array[] = [];
  for (const rules of model.rulesOf.values()) for (const rule of rules[direction]) sets.push(rule.classes);
  const groups = new Set<number>();
  for (const side of model.admin[direction]) {
    if (!side || groups.has(side.group)) continue;
    groups.add(side.group);
    for (const rule of side.rules) sets.push(rule.classes);
  }
  return sets;
}

/** Sets `set[a] = value` for every atom inside `range` (atoms are sorted by family, then address). */
function markAtoms(atoms: readonly IpRange[], range: IpRange, set: Uint8Array, value: number): void {
  let low = 0;
  let high = atoms.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const atom = atoms[middle] as IpRange;
    if (atom.family < range.family || (atom.family === range.family && atom.last < range.first))
      low = middle + 1;
    else high = middle;
  }
  for (let a = low; a < atoms.length; a++) {
    const atom = atoms[a] as IpRange;
    if (atom.family !== range.family || atom.first > range.last) break;
    if (atom.first >= range.first && atom.last <= range.last) set[a] = value;
  }
}
