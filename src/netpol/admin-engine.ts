import type { Labels } from '../model/label-selector.ts';
import { labelsOf, selectorMatches } from '../model/label-selector.ts';
import type { Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { AdminAction, AdminPeer, AdminPolicies, AdminPolicy, AdminRule } from './admin-policy.ts';
import type { IpRange } from './ip.ts';
import { singleIp } from './ip.ts';
import type { Direction, IpBlockPeer, PolicyPort } from './policy.ts';
import type { NamedPort, PodClass } from './pods.ts';
import type { PortSet } from './ports.ts';
import { ALL_PORTS, intersectPorts, isEmptyPorts, NO_PORTS, subtractPorts, unionPorts } from './ports.ts';

/** An ANP/BANP rule prepared for matching, like a NetworkPolicy rule (see CompiledRule). */
export interface AdminCompiledRule {
  readonly policy: AdminPolicy;
  readonly rule: AdminRule;
  readonly action: AdminAction;
  /** True for a rule that fails closed to "everything" (an unreadable peer of a Deny/Pass rule). */
  readonly allPeers: boolean;
  /** 1 at the index of each pod class a peer selects (pods, namespaces, or nodes for hostNetwork pods). */
  readonly classes: Uint8Array;
  /** `networks` CIDRs and the addresses of the Nodes a `nodes` peer selects. */
  readonly ipBlocks: readonly IpBlockPeer[];
  readonly ports: readonly PolicyPort[] | undefined;
  readonly named: boolean;
  /** `domainNames` the rule names: no address can be matched to them without DNS. */
  readonly domainNames: readonly string[];
}

/** The admin-tier rules that apply to a pod class in one direction, in evaluation order. */
export interface AdminSide {
  /** Admin-tier rules (by priority, then rule order) followed by the baseline tier's rules. */
  readonly rules: readonly AdminCompiledRule[];
  /** Index of the first baseline-tier rule in `rules` (rules.length when none applies). */
  readonly baselineFrom: number;
  /** Equal rule lists share one group number, so their per-peer work is shared. */
  readonly group: number;
}

/** The admin tiers compiled for every pod class. */
export interface AdminModel {
  readonly policies: AdminPolicies;
  readonly ingress: readonly (AdminSide | undefined)[];
  readonly egress: readonly (AdminSide | undefined)[];
  /** Address ranges the rules mention (for the address atoms). */
  readonly ranges: readonly IpRange[];
}

/** What the admin compiler needs from the NetworkPolicy model under construction. */
export interface AdminCompileContext {
  readonly classes: readonly PodClass[];
  /** Classes of the namespaces `namespaceSelector` selects whose labels `podSelector` selects (hostNetwork per options). */
  readonly selectPods: (namespaceSelector: Mapping, podSelector: Mapping | undefined) => Uint8Array;
  /** Whether hostNetwork pods are ignored by selectors (and reached as their node). */
  readonly hostNetworkIgnored: boolean;
  readonly nodes: readonly Resource[];
  /** Pod classes whose addresses an address rule can match, with the test. */
  readonly addressed: (block: IpBlockPeer) => Uint8Array;
}

function nodeAddresses(node: Resource): IpRange[] {
  const status = isRecord(node.object.status) ? node.object.status : {};
  const addresses = Array.isArray(status.addresses) ? (status.addresses as unknown[]) : [];
  return addresses.flatMap((entry) =>
    isRecord(entry) &&
    typeof entry.address === 'string' &&
    (entry.type === 'InternalIP' || entry.type === 'ExternalIP')
      ? (singleIp(entry.address) ?? [])
      : [],
  );
}

/** Whether some node the pod may run on (its nodeSelector's labels) could carry labels the selector selects. */
function nodeSelectorAdmits(selector: Mapping, nodeLabels: Labels): boolean {
  return selectorMatches(selector, nodeLabels);
}

/** Compiles the admin tiers against the pod classes: each class's admin- and baseline-tier rules per direction. */
export function compileAdminPolicies(policies: AdminPolicies, context: AdminCompileContext): AdminModel {
  const { classes } = context;
  const n = classes.length;
  const ranges: IpRange[] = [];
  const subjectSets = new Map<AdminPolicy, Uint8Array>();
  const peerSets = new Map<string, Uint8Array>();
  const peerClasses = (peer: AdminPeer): Uint8Array => {
    const key = JSON.stringify(
      peer.type === 'pods' || peer.type === 'namespaces' || peer.type === 'nodes' ? [peer.type, peer] : [],
    );
    const cached = peerSets.get(key);
    if (cached) return cached;
    let set: Uint8Array;
    if (peer.type === 'namespaces') set = context.selectPods(peer.namespaceSelector, undefined);
    else if (peer.type === 'pods') set = context.selectPods(peer.namespaceSelector, peer.podSelector);
    else if (peer.type === 'nodes') {
      set = new Uint8Array(n);
      if (context.hostNetworkIgnored)
        for (const podClass of classes)
          if (podClass.hostNetwork && nodeSelectorAdmits(peer.nodeSelector, podClass.nodeSelector))
            set[podClass.index] = 1;
    } else set = new Uint8Array(n);
    peerSets.set(key, set);
    return set;
  };
  const compileRule = (policy: AdminPolicy, rule: AdminRule): AdminCompiledRule => {
    const only = rule.peers.length === 1 ? rule.peers[0] : undefined;
    // A lone pods or namespaces peer shares its selected classes (equal sets are one object).
    const shared = only?.type === 'pods' || only?.type === 'namespaces' ? peerClasses(only) : undefined;
    const classSet = shared ?? new Uint8Array(n);
    const ipBlocks: IpBlockPeer[] = [];
    const domainNames: string[] = [];
    let allPeers = false;
    for (const peer of rule.peers) {
      if (peer.type === 'invalid') {
        if (rule.action !== 'Allow') allPeers = true;
        continue;
      }
      if (peer.type === 'domainNames') {
        for (const name of peer.domainNames) domainNames.push(name);
        continue;
      }
      const blocks: IpBlockPeer[] = [];
      if (peer.type === 'networks')
        for (const network of peer.networks)
          blocks.push({
            type: 'ipBlock',
            cidr: network.range,
            except: [],
            text: network.text,
            path: peer.path,
          });
      if (peer.type === 'nodes')
        for (const node of context.nodes)
          if (
            selectorMatches(
              peer.nodeSelector,
              labelsOf(isRecord(node.object.metadata) ? node.object.metadata.labels : undefined),
            )
          )
            for (const range of nodeAddresses(node))
              blocks.push({
                type: 'ipBlock',
                cidr: range,
                except: [],
                text: `node ${node.name}`,
                path: peer.path,
              });
      for (const block of blocks) {
        ipBlocks.push(block);
        ranges.push(block.cidr);
        const addressed = context.addressed(block);
        for (let i = 0; i < n; i++) if (addressed[i] === 1) classSet[i] = 1;
      }
      if (peer.type === 'networks' || shared) continue;
      const set = peerClasses(peer);
      for (let i = 0; i < n; i++) if (set[i] === 1) classSet[i] = 1;
    }
    return {
      policy,
      rule,
      action: rule.action,
      allPeers,
      classes: classSet,
      ipBlocks,
      ports: rule.ports,
      named: rule.ports?.some((port) => typeof port.port === 'string') ?? false,
      domainNames,
    };
  };

  const ordered = [...policies.admin, ...policies.baseline];
  const compiled = ordered.map((policy) => ({
    policy,
    ingress: policy.ingress.map((rule) => compileRule(policy, rule)),
    egress: policy.egress.map((rule) => compileRule(policy, rule)),
  }));
  for (const policy of ordered) {
    const subject = policy.subject;
    subjectSets.set(
      policy,
      subject.type === 'namespaces'
        ? context.selectPods(subject.namespaceSelector, undefined)
        : subject.type === 'pods'
          ? context.selectPods(subject.namespaceSelector, subject.podSelector)
          : new Uint8Array(n),
    );
  }
  const groups = new Map<string, number>();
  const subjects = compiled.map((entry) => subjectSets.get(entry.policy) ?? new Uint8Array(n));
  // Classes in the subjects of the same policies share one side.
  const sides = (direction: Direction): (AdminSide | undefined)[] => {
    const membersOf: number[][] = classes.map(() => []);
    compiled.forEach((entry, index) => {
      if (entry[direction].length === 0) return;
      const subject = subjects[index] as Uint8Array;
      for (let i = 0; i < n; i++) if (subject[i] === 1) (membersOf[i] as number[]).push(index);
    });
    const byMembers = new Map<string, AdminSide>();
    return classes.map((podClass) => {
      const members = membersOf[podClass.index] as number[];
      if (members.length === 0) return undefined;
      const key = members.join(',');
      let side = byMembers.get(key);
      if (side) return side;
      const rules: AdminCompiledRule[] = [];
      let baselineFrom = -1;
      for (const index of members) {
        const entry = compiled[index] as (typeof compiled)[number];
        if (entry.policy.tier === 'baseline' && baselineFrom < 0) baselineFrom = rules.length;
        for (const rule of entry[direction]) rules.push(rule);
      }
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = groups.size));
      side = { rules, baselineFrom: baselineFrom < 0 ? rules.length : baselineFrom, group };
      byMembers.set(key, side);
      return side;
    });
  };
  return { policies, ingress: sides('ingress'), egress: sides('egress'), ranges };
}

/** One admin rule that decided some ports of a connection. */
export interface AdminStep {
  readonly rule: AdminCompiledRule;
  /** The ports this rule decided (those no earlier rule had decided). */
  readonly ports: PortSet;
}

/** How the tiers decided one direction of a connection. */
export interface AdminVerdict {
  readonly allowed: PortSet;
  /** ANP rules that matched, in order, with the ports each decided (Allow, Deny or Pass). */
  readonly admin: readonly AdminStep[];
  /** The ports the NetworkPolicy tier decided (passed, or matched by no ANP rule). */
  readonly toNetworkPolicies: PortSet;
  /**
   * Baseline-tier rules that matched, with the ports each decided (only when no NetworkPolicy isolates
   * the pod). A `Pass` there (v1alpha2) hands its ports to the default allow.
   */
  readonly baseline: readonly AdminStep[];
  /** Ports no tier decided: allowed by default. */
  readonly unmatched: PortSet;
}

/**
 * The tiers of network-policy-api in order, port by port: ANP rules by priority and rule order
 * (first match decides; `Pass` and no match go on), then NetworkPolicies when one isolates the pod
 * in this direction (their union decides), else the baseline tier's rules (first match decides; `Pass`
 * goes on to the default), else allow.
 * `admits` tells whether a rule's peers take in the other end; `resolve` turns a rule's ports into
 * numbers for the destination (named ports).
 */
export function adminVerdict(
  side: AdminSide,
  admits: (rule: AdminCompiledRule) => boolean,
  resolve: (ports: readonly PolicyPort[] | undefined) => PortSet,
  networkPolicy: { readonly isolated: boolean; readonly allowed: PortSet },
): AdminVerdict {
  let undecided: PortSet = ALL_PORTS;
  const allowed: PortSet[] = [];
  const passed: PortSet[] = [];
  const admin: AdminStep[] = [];
  const { rules, baselineFrom } = side;
  for (let i = 0; i < baselineFrom && !isEmptyPorts(undecided); i++) {
    const rule = rules[i] as AdminCompiledRule;
    if (!admits(rule)) continue;
    const ports = intersectPorts(resolve(rule.ports), undecided);
    if (isEmptyPorts(ports)) continue;
    admin.push({ rule, ports });
    if (rule.action === 'Allow') allowed.push(ports);
    else if (rule.action === 'Pass') passed.push(ports);
    undecided = subtractPorts(undecided, ports);
  }
  const toNetworkPolicies = unionPorts([undecided, ...passed]);
  if (networkPolicy.isolated) {
    allowed.push(intersectPorts(toNetworkPolicies, networkPolicy.allowed));
    return { allowed: unionPorts(allowed), admin, toNetworkPolicies, baseline: [], unmatched: NO_PORTS };
  }
  let rest = toNetworkPolicies;
  const baseline: AdminStep[] = [];
  for (let i = baselineFrom; i < rules.length && !isEmptyPorts(rest); i++) {
    const rule = rules[i] as AdminCompiledRule;
    if (!admits(rule)) continue;
    const ports = intersectPorts(resolve(rule.ports), rest);
    if (isEmptyPorts(ports)) continue;
    baseline.push({ rule, ports });
    if (rule.action !== 'Deny') allowed.push(ports);
    rest = subtractPorts(rest, ports);
  }
  allowed.push(rest);
  return { allowed: unionPorts(allowed), admin, toNetworkPolicies, baseline, unmatched: rest };
}

/** Named ports for a destination, for resolving rule ports. */
export type NamedPorts = readonly NamedPort[] | undefined;
