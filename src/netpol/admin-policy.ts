import type { Inventory } from '../model/inventory.ts';
import { ofKind } from '../model/inventory.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { RuleDialect } from './admin-rules.ts';
import { isPortNumber, namedPortEverywhere, parsePriority, parseRules, parseSubject } from './admin-rules.ts';
import { CLUSTER_NETWORK_POLICY_API_VERSION, parseClusterNetworkPolicy } from './cluster-network-policy.ts';
import type { IpRange } from './ip.ts';
import type { Direction, PolicyPort, PolicyProblem } from './policy.ts';
import { isProtocol } from './ports.ts';

/** The API version whose AdminNetworkPolicy and BaselineAdminNetworkPolicy kubeward evaluates. */
export const ADMIN_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha1';

/**
 * `Allow` (v1alpha2 `Accept`) and `Deny` are final; `Pass` hands the connection to the next tier (from
 * the admin tier to NetworkPolicies; from the baseline tier, v1alpha2 only, to the default allow).
 */
export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** Which tier a policy belongs to: before NetworkPolicies (ANP, CNP `Admin`) or after them (BANP, CNP `Baseline`). */
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

/** An AdminNetworkPolicy or the BaselineAdminNetworkPolicy (v1alpha1), or a ClusterNetworkPolicy (v1alpha2). */
export interface AdminPolicy {
  readonly resource: Resource;
  readonly kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';
  readonly tier: AdminTier;
  readonly name: string;
  /** `spec.priority` (0..1000, lower first; 1001 when invalid); the BANP has none and reads as Infinity. */
  readonly priority: number;
  /** `spec.subject`: the pods the policy applies to (never hostNetwork pods). */
  readonly subject: AdminPeer;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly problems: readonly PolicyProblem[];
}

/** What the inventory holds of the admin tiers, in evaluation order, and what was set aside. */
export interface AdminPolicies {
  /** ANPs and Admin-tier CNPs by priority (lower first); ties: ANPs before CNPs, then by name. */
  readonly admin: readonly AdminPolicy[];
  /** Baseline-tier CNPs by priority (ties by name), then the BaselineAdminNetworkPolicy `default`. */
  readonly baseline: readonly AdminPolicy[];
  /** Problems with the set as a whole (BANPs not named default, priority ties, other versions). */
  readonly problems: readonly {
    readonly resource: Resource;
    readonly path: FieldPath;
    readonly message: string;
  }[];
}

/** Peer fields, actions and ports of v1alpha1 (adminnetworkpolicy_types.go, shared_types.go). */
const V1ALPHA1: Readonly<Record<AdminTier, RuleDialect>> = {
  admin: {
    actions: { Allow: 'Allow', Deny: 'Deny', Pass: 'Pass' },
    peerFields: {
      ingress: ['namespaces', 'pods'],
      egress: ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'],
    },
    portsField: 'ports',
    parsePort,
  },
  baseline: {
    actions: { Allow: 'Allow', Deny: 'Deny' },
    peerFields: { ingress: ['namespaces', 'pods'], egress: ['namespaces', 'pods', 'nodes', 'networks'] },
    portsField: 'ports',
    parsePort,
  },
};

/** Kinds in the order kubeward evaluates policies of one tier and one priority. */
const KIND_ORDER: Readonly<Record<AdminPolicy['kind'], number>> = {
  AdminNetworkPolicy: 0,
  ClusterNetworkPolicy: 1,
  BaselineAdminNetworkPolicy: 2,
};

function byPriority(a: AdminPolicy, b: AdminPolicy): number {
  return (
    a.priority - b.priority ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

type SetProblem = AdminPolicies['problems'][number];

/** A problem at each policy whose priority equals the one before it in its tier. */
function priorityTies(tier: readonly AdminPolicy[]): SetProblem[] {
  const problems: SetProblem[] = [];
  for (let i = 1; i < tier.length; i++) {
    const previous = tier[i - 1] as AdminPolicy;
    const policy = tier[i] as AdminPolicy;
    if (previous.priority !== policy.priority || !Number.isFinite(policy.priority)) continue;
    const sameKind = previous.kind === policy.kind;
    problems.push({
      resource: policy.resource,
      path: ['spec', 'priority'],
      message: `${policy.kind} ${policy.name} has priority ${policy.priority} like ${sameKind ? '' : `${previous.kind} `}${previous.name}: the API leaves the order undefined; kubeward evaluates ${previous.name} first (${sameKind ? 'by name' : `${previous.kind} before ${policy.kind}`})`,
    });
  }
  return problems;
}

/**
 * The cluster-scoped policies of the inventory, in the order the network-policy-api evaluates them:
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy of `policy.networking.k8s.io/v1alpha1`, and
 * ClusterNetworkPolicy of v1alpha2 (`spec.tier` Admin or Baseline). Policies of one tier and one
 * priority are undefined behaviour in the spec (`spec.priority` field docs, apis/v1alpha1 and
 * apis/v1alpha2): kubeward evaluates the v1alpha1 ANP before the v1alpha2 CNP, then by name, and
 * reports the tie. A BANP not named `default` is refused by the CRD's validation rule and left out with
 * a problem; the BANP comes after every Baseline-tier CNP.
 */
export function adminPoliciesOf(inventory: Inventory): AdminPolicies {
  const problems: SetProblem[] = [];
  const admin: AdminPolicy[] = [];
  const baseline: AdminPolicy[] = [];
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
  let defaultBaseline: AdminPolicy | undefined;
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
    defaultBaseline = parseAdminPolicy(resource, 'baseline');
  }
  for (const resource of ofKind(inventory, 'ClusterNetworkPolicy')) {
    if (resource.apiVersion !== CLUSTER_NETWORK_POLICY_API_VERSION) {
      problems.push({
        resource,
        path: ['apiVersion'],
        message: `ClusterNetworkPolicy ${resource.name}: ${resource.apiVersion} is not evaluated (only ${CLUSTER_NETWORK_POLICY_API_VERSION})`,
      });
      continue;
    }
    const parsed = parseClusterNetworkPolicy(resource);
    if ('policy' in parsed) (parsed.policy.tier === 'admin' ? admin : baseline).push(parsed.policy);
    else problems.push({ resource, path: parsed.path, message: parsed.message });
  }
  admin.sort(byPriority);
  baseline.sort(byPriority);
  if (defaultBaseline) baseline.push(defaultBaseline);
  for (const problem of [...priorityTies(admin), ...priorityTies(baseline)]) problems.push(problem);
  return { admin, baseline, problems };
}

function parseAdminPolicy(resource: Resource, tier: AdminTier): AdminPolicy {
  const problems: PolicyProblem[] = [];
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const priority = tier === 'admin' ? parsePriority(spec.priority, 'of the ANPs', problems) : Infinity;
  const subject = parseSubject(spec.subject, problems);
  return {
    resource,
    kind: tier === 'admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy',
    tier,
    name: resource.name,
    priority,
    subject,
    ingress: parseRules(spec.ingress, 'ingress', V1ALPHA1[tier], problems),
    egress: parseRules(spec.egress, 'egress', V1ALPHA1[tier], problems),
    problems,
  };
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
  if (typeof entry.namedPort === 'string') return namedPortEverywhere(entry.namedPort, path);
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
