import type { Resource } from '../model/resource.ts';
import { formatPath } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import type { CompiledRule, Endpoint, NetpolModel } from './engine.ts';
import { egressAllowed, ingressAllowed, matchingRules, resolvePorts } from './engine.ts';
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

/** The verdict of one side (the source's egress or the destination's ingress). */
export interface SideExplanation {
  readonly endpoint: string;
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

function side(
  model: NetpolModel,
  direction: 'ingress' | 'egress',
  self: Endpoint,
  other: Endpoint,
  destination: Endpoint,
  allowed: PortSet,
  probe: Probe | undefined,
): SideExplanation {
  const entry = self.type === 'pods' ? model[direction][self.podClass.index] : undefined;
  if (!entry?.isolated)
    return { endpoint: endpointName(self), isolated: false, policies: [], rules: [], allowed: 'all' };
  const named = destination.type === 'pods' ? destination.podClass.namedPorts : undefined;
  const rules = matchingRules(entry, other).flatMap((rule: CompiledRule): RuleReason[] => {
    const ports = resolvePorts(rule.ports, named);
    if (isEmptyPorts(ports) || (probe && !hasPort(ports, probe.protocol, probe.port))) return [];
    return [
      {
        policy: `${rule.policy.namespace}/${rule.policy.name}`,
        rule: formatPath(rule.rule.path),
        location: where(rule.policy.resource, rule.rule.path),
        ports: formatPorts(ports),
      },
    ];
  });
  return {
    endpoint: endpointName(self),
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
