import type { Labels } from '../model/label-selector.ts';
import { NAMESPACE_NAME_LABEL } from '../model/namespace.ts';
import type { AdminCompiledRule } from './admin-engine.ts';
import type { CompiledRule } from './engine.ts';
import type { RangeSet } from './range-set.ts';
import { rangeSet, rangeSetContains, rangeSetsOverlap, subtractRanges } from './range-set.ts';
import type { Requirement } from './selector-sets.ts';
import {
  requirementsContain,
  requirementsMatch,
  requirementsOf,
  requirementsOverlap,
} from './selector-sets.ts';

/** The namespaces of a set of pods: every one, the policy's own, or those a selector selects. */
export type NamespaceScope =
  | { readonly type: 'all' }
  | { readonly type: 'own'; readonly namespace: string; readonly labels: Labels }
  | { readonly type: 'selected'; readonly requirements: readonly Requirement[] };

/** The pods of some namespaces whose labels meet `pods` (empty: every pod). */
export interface PodsPeerSet {
  readonly type: 'pods';
  readonly namespaces: NamespaceScope;
  readonly pods: readonly Requirement[];
}

/** Addresses outside the pod network. `text` names them as the policy wrote them. */
export interface AddressPeerSet {
  readonly type: 'addresses';
  readonly ranges: RangeSet;
  readonly text: string;
}

/**
 * A set of possible peers, any that could exist, not only those of the input: every pod and address,
 * pods by namespace and labels, or addresses.
 */
export type PeerSet = { readonly type: 'everywhere' } | PodsPeerSet | AddressPeerSet;

/** How much of a peer set a rule's peers take in. */
export type Coverage = 'all' | 'some' | 'none';

/** A rule's peers as sets: the union of `pods` and `addresses`, or everything. */
export interface RulePeers {
  readonly everywhere: boolean;
  readonly pods: readonly PodsPeerSet[];
  readonly addresses: RangeSet;
}

/** Every namespace carries its name label, so a selector requiring it absent selects none. */
const NAMED: Requirement = { key: NAMESPACE_NAME_LABEL, operator: 'Exists', values: [] };

/** A scope from a namespace selector: `{}` (no requirement) is every namespace; undefined when invalid. */
export function selectedNamespaces(selector: unknown): NamespaceScope | undefined {
  const requirements = requirementsOf(selector);
  if (requirements === undefined) return undefined;
  return requirements.length === 0 ? { type: 'all' } : { type: 'selected', requirements };
}

function namespaceCoverage(rule: NamespaceScope, set: NamespaceScope): Coverage {
  if (rule.type === 'all') return 'all';
  if (rule.type === 'own') {
    if (set.type === 'own') return set.namespace === rule.namespace ? 'all' : 'none';
    if (set.type === 'all') return 'some';
    if (!requirementsMatch(set.requirements, rule.labels)) return 'none';
    const only: Requirement = { key: NAMESPACE_NAME_LABEL, operator: 'In', values: [rule.namespace] };
    return requirementsContain([only], set.requirements) ? 'all' : 'some';
  }
  if (set.type === 'own') return requirementsMatch(rule.requirements, set.labels) ? 'all' : 'none';
  const inner = set.type === 'all' ? [NAMED] : [...set.requirements, NAMED];
  if (requirementsContain(rule.requirements, inner)) return 'all';
  return requirementsOverlap(rule.requirements, inner) ? 'some' : 'none';
}

function podsCoverage(rule: PodsPeerSet, set: PodsPeerSet): Coverage {
  const namespaces = namespaceCoverage(rule.namespaces, set.namespaces);
  if (namespaces === 'none') return 'none';
  const pods = requirementsContain(rule.pods, set.pods)
    ? 'all'
    : requirementsOverlap(rule.pods, set.pods)
      ? 'some'
      : 'none';
  if (pods === 'none') return 'none';
  return namespaces === 'all' && pods === 'all' ? 'all' : 'some';
}

/**
 * How much of `set` the rule's peers take in. `all` and `none` are exact for one peer; a set covered
 * only by several peers together reads as `some`. Pod peers never take in addresses outside the pod
 * network; ipBlocks take in pods only when `ipBlocksMatchPods`, and then only some.
 */
export function coverage(rule: RulePeers, set: PeerSet, ipBlocksMatchPods: boolean): Coverage {
  if (rule.everywhere) return 'all';
  if (set.type === 'everywhere') return rule.pods.length > 0 || rule.addresses.length > 0 ? 'some' : 'none';
  if (set.type === 'addresses') {
    if (rule.addresses.length === 0) return 'none';
    if (rangeSetContains(rule.addresses, set.ranges)) return 'all';
    return rangeSetsOverlap(rule.addresses, set.ranges) ? 'some' : 'none';
  }
  let best: Coverage = ipBlocksMatchPods && rule.addresses.length > 0 ? 'some' : 'none';
  for (const peer of rule.pods) {
    const answer = podsCoverage(peer, set);
    if (answer === 'all') return 'all';
    if (answer === 'some') best = 'some';
  }
  return best;
}

/** A peer set as a rule's peers (to ask whether one set holds another). */
export function asRulePeers(set: PeerSet): RulePeers {
  if (set.type === 'everywhere') return { everywhere: true, pods: [], addresses: [] };
  if (set.type === 'pods') return { everywhere: false, pods: [set], addresses: [] };
  return { everywhere: false, pods: [], addresses: set.ranges };
}

/** The peers of a NetworkPolicy rule as sets; a peer without namespaceSelector is in `own`. */
export function networkPolicyPeers(rule: CompiledRule, own: NamespaceScope): RulePeers {
  if (rule.allPeers) return { everywhere: true, pods: [], addresses: [] };
  const pods: PodsPeerSet[] = [];
  for (const peer of rule.rule.peers ?? []) {
    if (peer.type !== 'pods') continue;
    const namespaces =
      peer.namespaceSelector === undefined ? own : selectedNamespaces(peer.namespaceSelector);
    const podRequirements = peer.podSelector === undefined ? [] : requirementsOf(peer.podSelector);
    if (namespaces && podRequirements) pods.push({ type: 'pods', namespaces, pods: podRequirements });
  }
  return {
    everywhere: false,
    pods,
    addresses: rangeSet(rule.ipBlocks.flatMap((block) => subtractRanges([block.cidr], block.except))),
  };
}

/** The peers of an ANP/BANP rule as sets: `namespaces`, `pods`, and the addresses of `networks` and `nodes`. */
export function adminPeers(rule: AdminCompiledRule): RulePeers {
  if (rule.allPeers) return { everywhere: true, pods: [], addresses: [] };
  const pods: PodsPeerSet[] = [];
  for (const peer of rule.rule.peers) {
    if (peer.type !== 'namespaces' && peer.type !== 'pods') continue;
    const namespaces = selectedNamespaces(peer.namespaceSelector);
    const podRequirements = peer.type === 'pods' ? requirementsOf(peer.podSelector) : [];
    if (namespaces && podRequirements) pods.push({ type: 'pods', namespaces, pods: podRequirements });
  }
  return {
    everywhere: false,
    pods,
    addresses: rangeSet(rule.ipBlocks.flatMap((block) => subtractRanges([block.cidr], block.except))),
  };
}

function intersectScopes(a: NamespaceScope, b: NamespaceScope): NamespaceScope | undefined {
  if (a.type === 'all') return b;
  if (b.type === 'all') return a;
  if (a.type === 'own' || b.type === 'own') {
    const own = a.type === 'own' ? a : (b as NamespaceScope & { type: 'own' });
    const other = a.type === 'own' ? b : a;
    if (other.type === 'own') return other.namespace === own.namespace ? own : undefined;
    return requirementsMatch(other.requirements, own.labels) ? own : undefined;
  }
  return { type: 'selected', requirements: [...a.requirements, ...b.requirements] };
}

/**
 * The members of `set` a rule's peers take in, when that is one pod set (the rule has exactly one pod
 * peer and no address); undefined when it cannot be said so simply, or the rule takes in none of them.
 */
export function narrowTo(set: PeerSet, rule: RulePeers): PeerSet | undefined {
  if (rule.everywhere) return set;
  const [peer, ...more] = rule.pods;
  if (!peer || more.length > 0 || rule.addresses.length > 0) return undefined;
  if (set.type === 'everywhere') return peer;
  if (set.type !== 'pods') return undefined;
  const namespaces = intersectScopes(set.namespaces, peer.namespaces);
  return namespaces && { type: 'pods', namespaces, pods: [...set.pods, ...peer.pods] };
}
