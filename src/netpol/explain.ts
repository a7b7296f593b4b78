import type { Resource } from '../model/resource.ts';
import { formatPath } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import type { AdminStep } from './admin-engine.ts';
import type { AdminPolicy } from './admin-policy.ts';
import type { CompiledRule, Endpoint, NetpolModel } from './engine.ts';
import {
  adminSideVerdict,
  egressAllowed,
  ingressAllowed,
  isNodeLocal,
  matchingRules,
  resolvePorts,
} from './engine.ts';
import { formatRange } from './ip.ts';
import type { PortSet, Protocol } from './ports.ts';
import { formatPorts, hasPort, intersectPorts, isEmptyPorts } from './ports.ts';

/** A port and protocol to decide on; undefined asks for every allowed port. */
export interface Probe {
  readonly protocol: Protocol;
  readonly port: number;
}

/** One policy rule that takes part in the verdict, with where it is written. */
export interface RuleReason {
  readonly policy: string;
  readonly rule: string;
  readonly location: string;
  readonly ports: string;
}

/** An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy rule that decided some ports of one side. */
export interface AdminRuleReason {
  readonly kind: AdminPolicy['kind'];
  readonly policy: string;
  /** The ANP's or CNP's `spec.priority`; undefined for the BANP. */
  readonly priority?: number | undefined;
  /** The rule's `name`, or `#index`. */
  readonly rule: string;
  /** The action as the policy's API version writes it (`Accept` in a ClusterNetworkPolicy). */
  readonly action: 'Allow' | 'Accept' | 'Deny' | 'Pass';
  readonly location: string;
  /** The ports this rule decided (ports an earlier rule decided are not its). */
  readonly ports: string;
}

/** The verdict of one side (the source's egress or the destination's ingress). */
export interface SideExplanation {
  readonly endpoint: string;
  /**
   * What decided (with a probe: the one tier and rule that decided that port): an ANP rule, the
   * NetworkPolicies, the node-local rule, the BANP, or the default allow.
   */
  readonly decidedBy: string;
  /** ANP rules that matched, in evaluation order (empty when none applies). */
  readonly adminRules: readonly AdminRuleReason[];
  /** BANP rules that matched (only when no NetworkPolicy isolates the pod in this direction). */
  readonly baselineRules: readonly AdminRuleReason[];
  /** False: no policy isolates this side, so it allows everything. */
  readonly isolated: boolean;
  readonly policies: readonly string[];
  /** Rules whose peers admit the other end (and, with a probe, whose ports hold it). */
  readonly rules: readonly RuleReason[];
  readonly allowed: string;
}

/** Why a connection is allowed or denied. */
export interface Explanation {
  readonly allowed: boolean;
  readonly probe: string;
  readonly ports: string;
  readonly egress: SideExplanation;
  readonly ingress: SideExplanation;
}

function where(resource: Resource, path: FieldPath): string {
  const position = resource.origin.locate(path);
  return `${resource.origin.file}:${position.line}:${position.column}`;
}

function endpointName(endpoint: Endpoint): string {
  if (endpoint.type === 'ip') return formatRange(endpoint.range);
  return endpoint.podClass.workloads
    .map((w) => `${w.resource.kind.toLowerCase()}/${w.namespace}/${w.resource.name}`)
    .join(', ');
}

function adminReason(step: AdminStep): AdminRuleReason {
  const { policy, rule } = step.rule;
  return {
    kind: policy.kind,
    policy: policy.name,
    priority: policy.kind === 'BaselineAdminNetworkPolicy' ? undefined : policy.priority,
    rule: rule.name,
    action: policy.kind === 'ClusterNetworkPolicy' && rule.action === 'Allow' ? 'Accept' : rule.action,
    location: where(policy.resource, rule.path),
    ports: formatPorts(step.ports),
  };
}

function describeAdmin(reason: AdminRuleReason): string {
  const priority = reason.priority === undefined ? '' : ` (priority ${reason.priority})`;
  return `${reason.kind} ${reason.policy}${priority} rule ${reason.rule}: ${reason.action}`;
}

function side(
  model: NetpolModel,
  direction: 'ingress' | 'egress',
  self: Endpoint,
  other: Endpoint,
  destination: Endpoint,
  allowed: PortSet,
  probe: Probe | undefined,
): SideExplanation {
  const named = destination.type === 'pods' ? destination.podClass.namedPorts : undefined;
  const holds = (ports: PortSet): boolean =>
    !isEmptyPorts(ports) && (probe === undefined || hasPort(ports, probe.protocol, probe.port));
  const verdict = adminSideVerdict(model, direction, self, other, named);
  const adminRules = (verdict?.admin ?? []).filter((step) => holds(step.ports)).map(adminReason);
  const baselineRules = (verdict?.baseline ?? []).filter((step) => holds(step.ports)).map(adminReason);
  const toNetworkPolicies = verdict === undefined || holds(verdict.toNetworkPolicies);
  const entry = self.type === 'pods' ? model[direction][self.podClass.index] : undefined;
  const nodeLocal = direction === 'ingress' && isNodeLocal(model, other);
  const finalAdmin = adminRules.find((reason) => reason.action !== 'Pass');
  const decidedBy =
    self.type !== 'pods'
      ? 'an address outside the pod network: no policy applies on this side'
      : probe && finalAdmin
        ? describeAdmin(finalAdmin)
        : probe && !toNetworkPolicies
          ? 'admin-tier rules (AdminNetworkPolicy, ClusterNetworkPolicy)'
          : entry?.isolated && nodeLocal
            ? "node-local: a hostNetwork DaemonSet runs on every node, and traffic from a pod's own node is never blocked by ingress isolation"
            : entry?.isolated
              ? 'NetworkPolicies'
              : probe && baselineRules[0]
                ? describeAdmin(baselineRules[0]) +
                  (baselineRules[0].action === 'Pass' ? ', then the default allow' : '')
                : verdict && (verdict.admin.length > 0 || verdict.baseline.length > 0) && !probe
                  ? 'admin- and baseline-tier rules (AdminNetworkPolicy, ClusterNetworkPolicy, BaselineAdminNetworkPolicy), then the default allow'
                  : verdict
                    ? 'no AdminNetworkPolicy, ClusterNetworkPolicy or BaselineAdminNetworkPolicy rule matches and no NetworkPolicy isolates it: allowed'
                    : 'no policy isolates it in this direction: allowed';
  const base = { endpoint: endpointName(self), decidedBy, adminRules, baselineRules };
  if (!entry?.isolated)
    return {
      ...base,
      isolated: false,
      policies: [],
      rules: [],
      allowed: verdict ? formatPorts(allowed) : 'all',
    };
  const rules =
    toNetworkPolicies && !nodeLocal
      ? matchingRules(entry, other).flatMap((rule: CompiledRule): RuleReason[] => {
          const ports = resolvePorts(rule.ports, named);
          if (!holds(ports)) return [];
          return [
            {
              policy: `${rule.policy.namespace}/${rule.policy.name}`,
              rule: formatPath(rule.rule.path),
              location: where(rule.policy.resource, rule.rule.path),
              ports: formatPorts(ports),
            },
          ];
        })
      : [];
  return {
    ...base,
    isolated: true,
    policies: entry.policies.map(
      (policy) => `${policy.namespace}/${policy.name} (${where(policy.resource, ['spec', 'podSelector'])})`,
    ),
    rules,
    allowed: formatPorts(allowed),
  };
}

/** Explains the connection from `source` to `destination` (optionally on one port). */
export function explainConnection(
  model: NetpolModel,
  source: Endpoint,
  destination: Endpoint,
  probe?: Probe,
): Explanation {
  const out = egressAllowed(model, source, destination);
  const into = ingressAllowed(model, source, destination);
  const both = intersectPorts(out, into);
  const allowed = probe ? hasPort(both, probe.protocol, probe.port) : !isEmptyPorts(both);
  return {
    allowed,
    probe: probe ? `${probe.protocol}/${probe.port}` : 'any port',
    ports: formatPorts(both),
    egress: side(model, 'egress', source, destination, destination, out, probe),
    ingress: side(model, 'ingress', destination, source, destination, into, probe),
  };
}
