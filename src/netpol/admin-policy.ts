import type { Inventory } from '../model/inventory.ts';
import { ofKind } from '../model/inventory.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { IpRange } from './ip.ts';
import { parseCidr } from './ip.ts';
import type { Direction, PolicyPort, PolicyProblem } from './policy.ts';
import { isProtocol, MAX_PORT } from './ports.ts';

/** The API version whose AdminNetworkPolicy and BaselineAdminNetworkPolicy kubeward evaluates. */
export const ADMIN_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha1';

/** `Allow` and `Deny` are final; `Pass` (ANP only) hands the connection to the NetworkPolicy tier. */
export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** Which tier a policy belongs to: before NetworkPolicies (ANP) or after them (the BANP). */
export type AdminTier = 'admin' | 'baseline';

/** A peer of an ANP/BANP rule; exactly one field of the CRD's peer struct is set. */
export type AdminPeer =
  | { readonly type: 'namespaces'; readonly namespaceSelector: Mapping; readonly path: FieldPath }
  | {
      readonly type: 'pods';
      readonly namespaceSelector: Mapping;
      readonly podSelector: Mapping;
      readonly path: FieldPath;
    }
  | { readonly type: 'nodes'; readonly nodeSelector: Mapping; readonly path: FieldPath }
  | {
      readonly type: 'networks';
      readonly networks: readonly { readonly text: string; readonly range: IpRange }[];
      readonly path: FieldPath;
    }
  | { readonly type: 'domainNames'; readonly domainNames: readonly string[]; readonly path: FieldPath }
  /** A peer with no known field (or several): the CRD says to fail closed. */
  | { readonly type: 'invalid'; readonly path: FieldPath };

/** One ingress or egress rule of an ANP or the BANP. */
export interface AdminRule {
  readonly direction: Direction;
  readonly index: number;
  /** `spec.<direction>[i].name`, or `#i` when the rule has no name. */
  readonly name: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  /** Undefined: every port of every protocol. Named ports are listed once per protocol. */
  readonly ports: readonly PolicyPort[] | undefined;
  readonly path: FieldPath;
}

/** An AdminNetworkPolicy or the BaselineAdminNetworkPolicy, as the CRD (v1alpha1) defines it. */
export interface AdminPolicy {
  readonly resource: Resource;
  readonly kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  readonly tier: AdminTier;
  readonly name: string;
  /** `spec.priority` (0..1000, lower first); the BANP has none and reads as Infinity. */
  readonly priority: number;
  /** `spec.subject`: the pods the policy applies to (never hostNetwork pods). */
  readonly subject: AdminPeer;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly problems: readonly PolicyProblem[];
}

/** What the inventory holds of the admin tiers, in evaluation order, and what was set aside. */
export interface AdminPolicies {
  /** ANPs by priority (lower first), ties broken by name. */
  readonly admin: readonly AdminPolicy[];
  /** The BaselineAdminNetworkPolicy named `default`, the only one implementations honour. */
  readonly baseline: AdminPolicy | undefined;
  /** Problems with the set as a whole (BANPs not named default, priority ties, other versions). */
  readonly problems: readonly {
    readonly resource: Resource;
    readonly path: FieldPath;
    readonly message: string;
  }[];
}

const RULE_PEERS: Readonly<Record<Direction, string>> = { ingress: 'from', egress: 'to' };

/** Peer fields each tier and direction accepts (adminnetworkpolicy_types.go, shared_types.go). */
const PEER_FIELDS: Readonly<Record<AdminTier, Readonly<Record<Direction, readonly string[]>>>> = {
  admin: {
    ingress: ['namespaces', 'pods'],
    egress: ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'],
  },
  baseline: { ingress: ['namespaces', 'pods'], egress: ['namespaces', 'pods', 'nodes', 'networks'] },
};

const ACTIONS: Readonly<Record<AdminTier, readonly AdminAction[]>> = {
  admin: ['Allow', 'Deny', 'Pass'],
  baseline: ['Allow', 'Deny'],
};

/**
 * The ANPs and the BANP of the inventory (`policy.networking.k8s.io/v1alpha1`), in the order the
 * network-policy-api evaluates them. Two ANPs of one priority are undefined behaviour in the spec
 * (`spec.priority` field doc, apis/v1alpha1/adminnetworkpolicy_types.go): kubeward orders them by
 * name and reports the tie. A BANP not named `default` is refused by the CRD's validation rule and
 * left out with a problem. ClusterNetworkPolicy (v1alpha2) objects are reported as not evaluated.
 */
export function adminPoliciesOf(inventory: Inventory): AdminPolicies {
  const problems: { resource: Resource; path: FieldPath; message: string }[] = [];
  const admin: AdminPolicy[] = [];
  let baseline: AdminPolicy | undefined;
  for (const resource of ofKind(inventory, 'AdminNetworkPolicy')) {
    if (resource.apiVersion !== ADMIN_POLICY_API_VERSION) {
      problems.push({
        resource,
        path: ['apiVersion'],
        message: `AdminNetworkPolicy ${resource.name}: ${resource.apiVersion} is not evaluated (only ${ADMIN_POLICY_API_VERSION})`,
      });
      continue;
    }
    admin.push(parseAdminPolicy(resource, 'admin'));
  }
  for (const resource of ofKind(inventory, 'BaselineAdminNetworkPolicy')) {
    if (resource.apiVersion !== ADMIN_POLICY_API_VERSION) {
      problems.push({
        resource,
        path: ['apiVersion'],
        message: `BaselineAdminNetworkPolicy ${resource.name}: ${resource.apiVersion} is not evaluated (only ${ADMIN_POLICY_API_VERSION})`,
      });
      continue;
    }
    if (resource.name !== 'default') {
      problems.push({
        resource,
        path: ['metadata', 'name'],
        message: `BaselineAdminNetworkPolicy ${resource.name} is ignored: the only one a cluster accepts is named "default"`,
      });
      continue;
    }
    baseline = parseAdminPolicy(resource, 'baseline');
  }
  for (const resource of ofKind(inventory, 'ClusterNetworkPolicy'))
    problems.push({
      resource,
      path: ['kind'],
      message: `ClusterNetworkPolicy ${resource.name} (${resource.apiVersion}) is not evaluated: kubeward reads AdminNetworkPolicy and BaselineAdminNetworkPolicy of ${ADMIN_POLICY_API_VERSION}`,
    });
  admin.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < admin.length; i++) {
    const previous = admin[i - 1] as AdminPolicy;
    const policy = admin[i] as AdminPolicy;
    if (previous.priority === policy.priority)
      problems.push({
        resource: policy.resource,
        path: ['spec', 'priority'],
        message: `AdminNetworkPolicy ${policy.name} has priority ${policy.priority} like ${previous.name}: the API leaves the order undefined; kubeward evaluates ${previous.name} first (by name)`,
      });
  }
  return { admin, baseline, problems };
}

function parseAdminPolicy(resource: Resource, tier: AdminTier): AdminPolicy {
  const problems: PolicyProblem[] = [];
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  let priority = Infinity;
  if (tier === 'admin') {
    const value = spec.priority;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000) priority = value;
    else {
      problems.push({
        path: ['spec', 'priority'],
        message: `priority ${JSON.stringify(value)} is not an integer from 0 to 1000: evaluated last of the ANPs`,
      });
      priority = 1001;
    }
  }
  const subject = parseSubject(spec.subject, problems);
  return {
    resource,
    kind: tier === 'admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy',
    tier,
    name: resource.name,
    priority,
    subject,
    ingress: parseRules(spec.ingress, 'ingress', tier, problems),
    egress: parseRules(spec.egress, 'egress', tier, problems),
    problems,
  };
}

function parseSubject(value: unknown, problems: PolicyProblem[]): AdminPeer {
  const path = ['spec', 'subject'];
  const peer = parsePeer(value, path, ['namespaces', 'pods'], problems);
  if (peer.type === 'invalid')
    problems.push({
      path,
      message: 'subject needs exactly one of namespaces or pods: the policy selects no pod',
    });
  return peer;
}

function parseRules(
  value: unknown,
  direction: Direction,
  tier: AdminTier,
  problems: PolicyProblem[],
): AdminRule[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown, index): AdminRule => {
    const path = ['spec', direction, index];
    const rule = isRecord(entry) ? entry : {};
    const name = typeof rule.name === 'string' && rule.name !== '' ? rule.name : `#${index}`;
    const actionValue = rule.action;
    const action = ACTIONS[tier].find((known) => known === actionValue);
    if (action === undefined)
      problems.push({
        path: [...path, 'action'],
        message: `action ${JSON.stringify(actionValue)} is not one of ${ACTIONS[tier].join(', ')}: the rule is read as Deny (fail closed)`,
      });
    const peersField = RULE_PEERS[direction];
    const peersValue = Array.isArray(rule[peersField]) ? (rule[peersField] as unknown[]) : [];
    if (peersValue.length === 0)
      problems.push({
        path: [...path, peersField],
        message: `${peersField} needs at least one peer: the rule matches nothing`,
      });
    const peers = peersValue.map((peer, i) => {
      const peerPath = [...path, peersField, i];
      const parsed = parsePeer(peer, peerPath, PEER_FIELDS[tier][direction], problems);
      if (parsed.type === 'invalid')
        problems.push({
          path: peerPath,
          message: `peer needs exactly one of ${PEER_FIELDS[tier][direction].join(', ')}: read as ${action === 'Allow' ? 'matching nothing' : 'matching everything'} (fail closed)`,
        });
      if (parsed.type === 'domainNames' && action !== 'Allow')
        problems.push({ path: peerPath, message: 'domainNames peers are only allowed in Allow rules' });
      return parsed;
    });
    const ports = Array.isArray(rule.ports)
      ? (rule.ports as unknown[]).flatMap((port, i) => parsePort(port, [...path, 'ports', i], problems))
      : undefined;
    return { direction, index, name, action: action ?? 'Deny', peers, ports, path };
  });
}

function selectorAt(value: unknown): Mapping | undefined {
  return isRecord(value) ? value : undefined;
}

function parsePeer(
  value: unknown,
  path: FieldPath,
  fields: readonly string[],
  problems: PolicyProblem[],
): AdminPeer {
  const peer = isRecord(value) ? value : {};
  const set = Object.keys(peer).filter((key) => peer[key] !== undefined && peer[key] !== null);
  const known = set.filter((key) => fields.includes(key));
  if (set.length !== 1 || known.length !== 1) return { type: 'invalid', path };
  const field = known[0];
  const fieldValue = peer[field as string];
  if (field === 'namespaces') {
    const selector = selectorAt(fieldValue);
    return selector ? { type: 'namespaces', namespaceSelector: selector, path } : { type: 'invalid', path };
  }
  if (field === 'pods') {
    const pods = selectorAt(fieldValue);
    const namespaceSelector = selectorAt(pods?.namespaceSelector);
    const podSelector = selectorAt(pods?.podSelector);
    if (!namespaceSelector || !podSelector) {
      problems.push({
        path: [...path, 'pods'],
        message: 'pods needs both namespaceSelector and podSelector',
      });
      return { type: 'invalid', path };
    }
    return { type: 'pods', namespaceSelector, podSelector, path };
  }
  if (field === 'nodes') {
    const selector = selectorAt(fieldValue);
    return selector ? { type: 'nodes', nodeSelector: selector, path } : { type: 'invalid', path };
  }
  if (field === 'networks') {
    const texts = Array.isArray(fieldValue) ? (fieldValue as unknown[]) : [];
    const networks: { text: string; range: IpRange }[] = [];
    texts.forEach((text, i) => {
      const range = typeof text === 'string' ? parseCidr(text) : undefined;
      if (range && typeof text === 'string') networks.push({ text, range });
      else problems.push({ path: [...path, 'networks', i], message: `invalid CIDR ${JSON.stringify(text)}` });
    });
    return { type: 'networks', networks, path };
  }
  const names = Array.isArray(fieldValue)
    ? (fieldValue as unknown[]).filter((name) => typeof name === 'string')
    : [];
  return { type: 'domainNames', domainNames: names, path };
}

/** `portNumber`, `portRange` or `namedPort` (exactly one): as NetworkPolicy ports; protocol defaults to TCP. */
function parsePort(value: unknown, path: FieldPath, problems: PolicyProblem[]): PolicyPort[] {
  const entry = isRecord(value) ? value : {};
  const set = Object.keys(entry).filter((key) => entry[key] !== undefined && entry[key] !== null);
  if (set.length !== 1) {
    problems.push({
      path,
      message: 'a port needs exactly one of portNumber, portRange or namedPort: matches nothing',
    });
    return [];
  }
  if (typeof entry.namedPort === 'string') {
    const name = entry.namedPort;
    return (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({
      protocol,
      port: name,
      endPort: undefined,
      path,
    }));
  }
  const numbered = isRecord(entry.portNumber) ? entry.portNumber : undefined;
  const range = isRecord(entry.portRange) ? entry.portRange : undefined;
  const body = numbered ?? range;
  const protocol: unknown = body?.protocol ?? 'TCP';
  if (!body || !isProtocol(protocol)) {
    problems.push({ path, message: `unsupported port ${JSON.stringify(value)}: matches nothing` });
    return [];
  }
  const first = numbered ? numbered.port : range?.start;
  const last = numbered ? numbered.port : range?.end;
  if (!isPortNumber(first) || !isPortNumber(last) || (range && first >= last)) {
    problems.push({
      path: [...path, numbered ? 'portNumber' : 'portRange'],
      message: numbered
        ? `invalid port ${JSON.stringify(first)}: matches nothing`
        : `invalid port range ${JSON.stringify(first)}-${JSON.stringify(last)} (start must be below end): matches nothing`,
    });
    return [];
  }
  return [{ protocol, port: first, endPort: last, path }];
}

function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PORT;
}
