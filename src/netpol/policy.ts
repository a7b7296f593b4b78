import type { FieldPath, Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { derivation, derived } from '../model/derived.ts';
import type { Inventory } from '../model/inventory.ts';
import { namespaceOf, ofKind } from '../model/inventory.ts';
import type { IpRange } from './ip.ts';
import { parseCidr, rangeContains } from './ip.ts';
import type { Protocol } from './ports.ts';
import { isProtocol, MAX_PORT } from './ports.ts';

/** Ingress (traffic to the selected pods) or egress (traffic from them). */
export type Direction = 'ingress' | 'egress';

/** One entry of a rule's `ports`: a number, a range (`endPort`), a named port, or every port. */
export interface PolicyPort {
  readonly protocol: Protocol;
  /** Undefined: every port of the protocol. */
  readonly port: number | string | undefined;
  /** Last port of a numeric range; equals `port` without `endPort`. */
  readonly endPort: number | undefined;
  readonly path: FieldPath;
}

/** A peer selecting pods: `namespaceSelector` undefined means the policy's own namespace. */
export interface PodPeer {
  readonly type: 'pods';
  /** Undefined when absent: every pod of the selected namespaces. */
  readonly podSelector: Mapping | undefined;
  readonly namespaceSelector: Mapping | undefined;
  readonly path: FieldPath;
}

/** A peer by address: `cidr` minus each `except`. */
export interface IpBlockPeer {
  readonly type: 'ipBlock';
  readonly cidr: IpRange;
  readonly except: readonly IpRange[];
  readonly text: string;
  readonly path: FieldPath;
}

/** A peer of a rule. */
export type Peer = PodPeer | IpBlockPeer;

/** One ingress or egress rule. `peers` undefined: every source or destination, pods and addresses. */
export interface PolicyRule {
  readonly direction: Direction;
  readonly index: number;
  readonly peers: readonly Peer[] | undefined;
  /** Undefined: every port of every protocol. */
  readonly ports: readonly PolicyPort[] | undefined;
  readonly path: FieldPath;
}

/** A problem with a policy that the API server would reject or that makes a part of it unusable. */
export interface PolicyProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/** A NetworkPolicy as the API server would store it (defaults applied). */
export interface NetworkPolicy {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  /** `spec.podSelector`; null or absent is the empty selector (all pods). */
  readonly podSelector: Mapping;
  /** Whether the policy isolates its pods for ingress / egress. */
  readonly isolates: Readonly<Record<Direction, boolean>>;
  /** True when `spec.policyTypes` is absent and was inferred. */
  readonly policyTypesInferred: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  readonly problems: readonly PolicyProblem[];
}

const RULE_PEERS: Readonly<Record<Direction, string>> = { ingress: 'from', egress: 'to' };

/** The API group and kind a NetworkPolicy manifest has. */
export function isNetworkPolicy(resource: Resource): boolean {
  return resource.kind === 'NetworkPolicy' && resource.apiVersion === 'networking.k8s.io/v1';
}

const POLICIES = derivation('NetworkPolicies', (inventory): readonly NetworkPolicy[] =>
  ofKind(inventory, 'NetworkPolicy')
    .filter(isNetworkPolicy)
    .map((resource) => parsePolicy(resource, namespaceOf(inventory, resource))),
);

/** Every networking.k8s.io/v1 NetworkPolicy of the inventory, parsed once, in input order. */
export function policiesOf(inventory: Inventory): readonly NetworkPolicy[] {
  return derived(inventory, POLICIES);
}

/**
 * Reads a NetworkPolicy with the API server's defaults (`pkg/apis/networking/v1/defaults.go`):
 * `policyTypes` absent or empty ⇒ Ingress, plus Egress iff `spec.egress` is non-empty; each port's protocol
 * defaults to TCP. Invalid parts (a peer `{}`, a bad CIDR, `endPort` on a named port) are recorded
 * in `problems` and match nothing, never throw.
 */
function parsePolicy(resource: Resource, namespace: string): NetworkPolicy {
  const problems: PolicyProblem[] = [];
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const podSelector = isRecord(spec.podSelector) ? spec.podSelector : {};
  const ingress = parseRules(spec.ingress, 'ingress', problems);
  const egress = parseRules(spec.egress, 'egress', problems);
  // defaults.go: `len(spec.policyTypes) == 0` (absent, null or []) means inferred.
  const listed = Array.isArray(spec.policyTypes) ? (spec.policyTypes as unknown[]) : [];
  const typesInferred = listed.length === 0;
  listed.forEach((type, index) => {
    if (type !== 'Ingress' && type !== 'Egress')
      problems.push({
        path: ['spec', 'policyTypes', index],
        message: `unknown policy type ${JSON.stringify(type)}`,
      });
  });
  const isolates: Record<Direction, boolean> = typesInferred
    ? { ingress: true, egress: egress.length > 0 }
    : { ingress: listed.includes('Ingress'), egress: listed.includes('Egress') };
  return {
    resource,
    namespace,
    name: resource.name,
    podSelector,
    isolates,
    policyTypesInferred: typesInferred,
    ingress,
    egress,
    problems,
  };
}

function parseRules(value: unknown, direction: Direction, problems: PolicyProblem[]): PolicyRule[] {
  if (!Array.isArray(value)) return [];
  const rules: PolicyRule[] = [];
  value.forEach((entry: unknown, index) => {
    const path = ['spec', direction, index];
    const rule = isRecord(entry) ? entry : {};
    const peersValue = rule[RULE_PEERS[direction]];
    const peers =
      Array.isArray(peersValue) && peersValue.length > 0
        ? peersValue.flatMap((peer: unknown, i) =>
            parsePeer(peer, [...path, RULE_PEERS[direction], i], problems),
          )
        : undefined;
    const portsValue = rule.ports;
    const ports =
      Array.isArray(portsValue) && portsValue.length > 0
        ? portsValue.flatMap((port: unknown, i) => parsePort(port, [...path, 'ports', i], problems))
        : undefined;
    rules.push({ direction, index, peers, ports, path });
  });
  return rules;
}

function parsePeer(value: unknown, path: FieldPath, problems: PolicyProblem[]): Peer[] {
  const peer = isRecord(value) ? value : {};
  const ipBlock = peer.ipBlock;
  const podSelector = isRecord(peer.podSelector) ? peer.podSelector : undefined;
  const namespaceSelector = isRecord(peer.namespaceSelector) ? peer.namespaceSelector : undefined;
  if (isRecord(ipBlock)) {
    if (podSelector || namespaceSelector) {
      problems.push({ path, message: 'ipBlock cannot be combined with podSelector or namespaceSelector' });
      return [];
    }
    const cidrText = typeof ipBlock.cidr === 'string' ? ipBlock.cidr : '';
    const cidr = parseCidr(cidrText);
    if (!cidr) {
      problems.push({
        path: [...path, 'ipBlock', 'cidr'],
        message: `invalid CIDR ${JSON.stringify(cidrText)}`,
      });
      return [];
    }
    const except: IpRange[] = [];
    const exceptValue = Array.isArray(ipBlock.except) ? (ipBlock.except as unknown[]) : [];
    for (const [i, text] of exceptValue.entries()) {
      const range = typeof text === 'string' ? parseCidr(text) : undefined;
      // validation.go: each except must be a strict subset of the cidr.
      if (!range || !rangeContains(cidr, range) || (range.first === cidr.first && range.last === cidr.last)) {
        problems.push({
          path: [...path, 'ipBlock', 'except', i],
          message: `except ${JSON.stringify(text)} is not a CIDR strictly inside ${cidrText}`,
        });
        return [];
      }
      except.push(range);
    }
    return [{ type: 'ipBlock', cidr, except, text: cidrText, path }];
  }
  if (!podSelector && !namespaceSelector) {
    problems.push({
      path,
      message: 'peer selects nothing: it needs podSelector, namespaceSelector or ipBlock',
    });
    return [];
  }
  return [{ type: 'pods', podSelector, namespaceSelector, path }];
}

function parsePort(value: unknown, path: FieldPath, problems: PolicyProblem[]): PolicyPort[] {
  const entry = isRecord(value) ? value : {};
  const protocolValue = entry.protocol ?? 'TCP';
  if (!isProtocol(protocolValue)) {
    problems.push({
      path: [...path, 'protocol'],
      message: `unsupported protocol ${JSON.stringify(protocolValue)}`,
    });
    return [];
  }
  const port = entry.port;
  const endPort = entry.endPort;
  if (port === undefined || port === null) {
    if (typeof endPort === 'number')
      problems.push({ path: [...path, 'endPort'], message: 'endPort needs a numeric port' });
    return [{ protocol: protocolValue, port: undefined, endPort: undefined, path }];
  }
  if (typeof port === 'string' && !/^\d+$/.test(port)) {
    if (endPort !== undefined && endPort !== null) {
      problems.push({
        path: [...path, 'endPort'],
        message: `endPort cannot be used with named port ${port}`,
      });
      return [];
    }
    return [{ protocol: protocolValue, port, endPort: undefined, path }];
  }
  const number = Number(port);
  if (!Number.isInteger(number) || number < 1 || number > MAX_PORT) {
    problems.push({ path: [...path, 'port'], message: `invalid port ${JSON.stringify(port)}` });
    return [];
  }
  if (typeof endPort === 'number') {
    if (!Number.isInteger(endPort) || endPort < number || endPort > MAX_PORT) {
      problems.push({
        path: [...path, 'endPort'],
        message: `endPort ${endPort} is below port ${number} or out of range`,
      });
      return [];
    }
    return [{ protocol: protocolValue, port: number, endPort, path }];
  }
  return [{ protocol: protocolValue, port: number, endPort: number, path }];
}
