import type { FieldPath } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { AdminPolicy, AdminTier } from './admin-policy.ts';
import type { RuleDialect } from './admin-rules.ts';
import { isPortNumber, namedPortEverywhere, parsePriority, parseRules, parseSubject } from './admin-rules.ts';
import type { PolicyPort, PolicyProblem } from './policy.ts';

/** The API version whose ClusterNetworkPolicy kubeward evaluates. */
export const CLUSTER_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha2';

const TIERS: Readonly<Record<string, AdminTier>> = { Admin: 'admin', Baseline: 'baseline' };

const PROTOCOLS = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' } as const;

/** Peers without named ports: the CRD refuses `destinationNamedPort` in an egress rule naming one. */
const UNNAMED_PEERS: ReadonlySet<string> = new Set(['networks', 'nodes', 'domainNames']);

/**
 * One `protocols` entry (apis/v1alpha2 ClusterNetworkPolicyProtocol): exactly one of `tcp`, `udp`,
 * `sctp` with `destinationPort` `{number}` or `{range: {start, end}}`, or `destinationNamedPort`, which
 * resolves on the destination pod in the protocol its container port declares.
 */
function parseProtocol(value: unknown, path: FieldPath, problems: PolicyProblem[]): PolicyPort[] {
  const entry = isRecord(value) ? value : {};
  const set = Object.keys(entry).filter((key) => entry[key] !== undefined && entry[key] !== null);
  const field = set[0];
  if (
    set.length !== 1 ||
    (field !== 'destinationNamedPort' && !(field !== undefined && field in PROTOCOLS))
  ) {
    problems.push({
      path,
      message: 'a protocol needs exactly one of tcp, udp, sctp or destinationNamedPort: matches nothing',
    });
    return [];
  }
  if (field === 'destinationNamedPort') {
    if (typeof entry.destinationNamedPort === 'string' && entry.destinationNamedPort !== '')
      return namedPortEverywhere(entry.destinationNamedPort, path);
    problems.push({
      path: [...path, field],
      message: 'destinationNamedPort must be a port name: matches nothing',
    });
    return [];
  }
  const protocol = PROTOCOLS[field as keyof typeof PROTOCOLS];
  const body = isRecord(entry[field]) ? (entry[field] as Record<string, unknown>) : {};
  const port = isRecord(body.destinationPort) ? body.destinationPort : undefined;
  const portPath = [...path, field, 'destinationPort'];
  const number = port?.number;
  const range = isRecord(port?.range) ? port.range : undefined;
  if (port && range === undefined && port.range === undefined && isPortNumber(number))
    return [{ protocol, port: number, endPort: number, path }];
  if (port && number === undefined && range && isPortNumber(range.start) && isPortNumber(range.end)) {
    if (range.start < range.end) return [{ protocol, port: range.start, endPort: range.end, path }];
  }
  problems.push({
    path: portPath,
    message: range
      ? `invalid port range ${JSON.stringify(range.start)}-${JSON.stringify(range.end)} (start must be below end): matches nothing`
      : port && number !== undefined && port.range === undefined
        ? `invalid port ${JSON.stringify(number)}: matches nothing`
        : 'destinationPort needs exactly one of number or range: matches nothing',
  });
  return [];
}

/** Actions, peer fields and ports of v1alpha2: the same in both tiers (clusternetworkpolicy_types.go). */
const V1ALPHA2: RuleDialect = {
  actions: { Accept: 'Allow', Deny: 'Deny', Pass: 'Pass' },
  peerFields: {
    ingress: ['namespaces', 'pods'],
    egress: ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'],
  },
  portsField: 'protocols',
  parsePort: parseProtocol,
};

/**
 * A ClusterNetworkPolicy (`policy.networking.k8s.io/v1alpha2`) in the model of the v1alpha1 kinds:
 * `Accept` is `Allow`. Without a `spec.tier` of Admin or Baseline it cannot be placed and is left out.
 */
export function parseClusterNetworkPolicy(
  resource: Resource,
): { readonly policy: AdminPolicy } | { readonly path: FieldPath; readonly message: string } {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const tier = typeof spec.tier === 'string' ? TIERS[spec.tier] : undefined;
  if (tier === undefined)
    return {
      path: ['spec', 'tier'],
      message: `ClusterNetworkPolicy ${resource.name}: tier ${JSON.stringify(spec.tier)} is not Admin or Baseline: not evaluated`,
    };
  const problems: PolicyProblem[] = [];
  const priority = parsePriority(spec.priority, `of the ${String(spec.tier)} tier`, problems);
  const subject = parseSubject(spec.subject, problems);
  const ingress = parseRules(spec.ingress, 'ingress', V1ALPHA2, problems);
  const egress = parseRules(spec.egress, 'egress', V1ALPHA2, problems);
  for (const rule of egress)
    if (
      rule.ports?.some((port) => typeof port.port === 'string') &&
      rule.peers.some((peer) => UNNAMED_PEERS.has(peer.type))
    )
      problems.push({
        path: rule.path,
        message:
          'destinationNamedPort cannot be used with networks, nodes or domainNames peers (the CRD refuses it): they have no named ports',
      });
  return {
    policy: {
      resource,
      kind: 'ClusterNetworkPolicy',
      tier,
      name: resource.name,
      priority,
      subject,
      ingress,
      egress,
      problems,
    },
  };
}
