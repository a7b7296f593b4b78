import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Labels } from '../model/label-selector.ts';
import { NAMESPACE_NAME_LABEL } from '../model/namespace.ts';
import type { Endpoint, NetpolModel, NetpolOptions } from './engine.ts';
import { buildNetpolModel } from './engine.ts';
import { formatIp } from './ip.ts';
import type { Assertion } from './netassert.ts';
import type { AssertionResult } from './assert.ts';
import { assertionEnds, evaluateAssertions } from './assert.ts';
import { isNetworkPolicy } from './policy.ts';
import type { PodClass } from './pods.ts';
import type { Protocol } from './ports.ts';

/** A NetworkPolicy manifest as plain data, ready to be dumped as YAML. */
export interface PolicyManifest {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** What `generate` produced, with the declared flows it could not turn into rules. */
export interface Generated {
  readonly policies: readonly PolicyManifest[];
  readonly unresolved: readonly string[];
}

/** The guide's default-deny, with both directions listed so egress is isolated too. */
function defaultDenyPolicy(namespace: string): PolicyManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

/**
 * DNS egress for every pod of the namespace. Unlike the guide's example (whose second rule opens
 * every pod of the cluster), it allows UDP and TCP 53 to the cluster DNS pods only.
 */
function dnsEgressPolicy(namespace: string): PolicyManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-dns-egress', namespace },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
}

function sorted(labels: Labels): Record<string, string> {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key] ?? '']),
  );
}

function className(podClass: PodClass): string {
  return (podClass.workloads[0]?.resource.name ?? `pods-${podClass.index}`)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-');
}

/**
 * A selector for exactly the pods of a class within its namespace: its labels, plus
 * `DoesNotExist` for a label of every other class whose labels include them (a canary track, say).
 * Classes with equal labels cannot be told apart by any selector and share the result.
 */
function exactSelector(model: NetpolModel, podClass: PodClass): Record<string, unknown> {
  const excluded = new Set<string>();
  for (const other of model.pods.classes) {
    if (other === podClass || other.namespace !== podClass.namespace || other.hostNetwork) continue;
    const extra = Object.keys(other.labels).filter((key) => !(key in podClass.labels));
    const includes = Object.entries(podClass.labels).every(([key, value]) => other.labels[key] === value);
    if (!includes || extra.length === 0 || extra.some((key) => excluded.has(key))) continue;
    excluded.add(extra.sort()[0] ?? '');
  }
  const selector: Record<string, unknown> = { matchLabels: sorted(podClass.labels) };
  if (excluded.size > 0)
    selector.matchExpressions = [...excluded].sort().map((key) => ({ key, operator: 'DoesNotExist' }));
  return selector;
}

function peerOf(model: NetpolModel, endpoint: Endpoint): Record<string, unknown> {
  if (endpoint.type === 'ip') {
    const bits = endpoint.range.family === 4 ? 32 : 128;
    return { ipBlock: { cidr: `${formatIp(endpoint.range.family, endpoint.range.first)}/${bits}` } };
  }
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: endpoint.podClass.namespace } },
    podSelector: exactSelector(model, endpoint.podClass),
  };
}

interface RuleAccumulator {
  readonly peers: Map<string, Record<string, unknown>>;
  readonly ports: Map<string, { protocol: Protocol; port: number }>;
}

/**
 * Least-privilege policies for the declared open flows (netassert assertions expecting success):
 * per namespace default-deny and DNS egress, then for each source pod class one egress policy and
 * for each destination pod class one ingress policy, selecting pods by all their template labels and
 * peers by namespace name plus labels (with DoesNotExist for labels only wider classes carry), on the
 * destination's pod port. Closed assertions need no rule: default-deny covers them.
 */
export function generatePolicies(
  model: NetpolModel,
  inventory: Inventory,
  flows: readonly Assertion[],
): Generated {
  const namespaces = new Set(
    model.pods.classes.filter((podClass) => !podClass.hostNetwork).map((podClass) => podClass.namespace),
  );
  const unresolved: string[] = [];
  const egress = new Map<PodClass, Map<string, RuleAccumulator>>();
  const ingress = new Map<PodClass, Map<string, RuleAccumulator>>();
  const add = (
    table: Map<PodClass, Map<string, RuleAccumulator>>,
    owner: PodClass,
    peer: Endpoint,
    protocol: Protocol,
    port: number,
  ): void => {
    const peerObject = peerOf(model, peer);
    const portKey = `${protocol}/${port}`;
    let rules = table.get(owner);
    if (!rules) table.set(owner, (rules = new Map<string, RuleAccumulator>()));
    // One rule per port keeps every peer × port pair exact (a rule is peers × ports).
    let rule = rules.get(portKey);
    if (!rule)
      rules.set(portKey, (rule = { peers: new Map(), ports: new Map([[portKey, { protocol, port }]]) }));
    rule.peers.set(JSON.stringify(peerObject), peerObject);
  };
  for (const flow of flows) {
    if (!flow.expectOpen) continue;
    const ends = assertionEnds(model, inventory, flow);
    if (typeof ends === 'string' || !('sources' in ends)) {
      unresolved.push(`${flow.name}: ${typeof ends === 'string' ? ends : ends.skip}`);
      continue;
    }
    for (const source of ends.sources) {
      for (const destination of ends.destinations) {
        if (destination.port === undefined) {
          unresolved.push(`${flow.name}: ${destination.label} has no port ${flow.port}`);
          continue;
        }
        if (source.endpoint.type === 'pods')
          add(egress, source.endpoint.podClass, destination.endpoint, flow.protocol, destination.port);
        if (destination.endpoint.type === 'pods')
          add(ingress, destination.endpoint.podClass, source.endpoint, flow.protocol, destination.port);
      }
    }
  }
  const policies: PolicyManifest[] = [];
  for (const namespace of [...namespaces].sort())
    policies.push(defaultDenyPolicy(namespace), dnsEgressPolicy(namespace));
  const emit = (
    table: Map<PodClass, Map<string, RuleAccumulator>>,
    direction: 'ingress' | 'egress',
  ): void => {
    for (const [podClass, rules] of table) {
      const key = direction === 'ingress' ? 'from' : 'to';
      policies.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `allow-${className(podClass)}-${direction}`, namespace: podClass.namespace },
        spec: {
          podSelector: exactSelector(model, podClass),
          policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
          [direction]: [...rules.values()].map((rule) => ({
            [key]: [...rule.peers.values()],
            ports: [...rule.ports.values()],
          })),
        },
      });
    }
  };
  emit(ingress, 'ingress');
  emit(egress, 'egress');
  return { policies, unresolved };
}

/**
 * Applies generated policies to the manifests in place of their own NetworkPolicies and evaluates
 * the flows again: the results a caller must see all pass (open flows open, closed flows closed).
 */
export function verifyGenerated(
  inventory: Inventory,
  policies: readonly PolicyManifest[],
  flows: readonly Assertion[],
  options: NetpolOptions,
): { readonly inventory: Inventory; readonly results: readonly AssertionResult[] } {
  const text = policies.map((policy) => JSON.stringify(policy)).join('\n---\n');
  const applied = loadSources([{ file: '<generated>', text, format: 'yaml', named: true }]).resources;
  const verified = buildInventory(
    [...inventory.resources.filter((resource) => !isNetworkPolicy(resource)), ...applied],
    {
      defaultNamespace: inventory.defaultNamespace,
    },
  );
  return {
    inventory: verified,
    results: evaluateAssertions(buildNetpolModel(verified, options), verified, flows),
  };
}
