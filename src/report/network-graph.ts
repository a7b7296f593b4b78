import type { Inventory } from '../model/inventory.ts';
import type { Settings } from '../model/settings.ts';
import { checkModelOf } from '../netpol/cache.ts';
import type { Endpoint } from '../netpol/engine.ts';
import type { Explanation } from '../netpol/explain.ts';
import { explainConnection } from '../netpol/explain.ts';
import type { IpRange } from '../netpol/ip.ts';
import { formatRange } from '../netpol/ip.ts';
import type { ReachabilityMatrix } from '../netpol/matrix.ts';
import { reachabilityMatrix } from '../netpol/matrix.ts';
import type { PodClass } from '../netpol/pods.ts';
import type { PortSet } from '../netpol/ports.ts';
import { formatPorts, NO_PORTS, unionPorts } from '../netpol/ports.ts';
import { workloadName } from '../netpol/query.ts';

/** A workload of the network graph: its matrix name (`kind/namespace/name`) and whether policy isolates it. */
export interface NetworkWorkload {
  readonly id: string;
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  /** Some NetworkPolicy selects it for ingress (else every peer may connect to it). */
  readonly ingressIsolated: boolean;
  /** Some NetworkPolicy selects it for egress (else it may connect anywhere). */
  readonly egressIsolated: boolean;
}

/** An allowed connection between two different workloads, or a workload and an address range. */
export interface NetworkEdge {
  readonly source: string;
  readonly destination: string;
  /** `TCP:80,443 UDP:53`, or `all`. */
  readonly ports: string;
}

/** Connections between two namespaces (or a namespace and an address range), counted. */
export interface NamespaceEdge {
  readonly source: string;
  readonly destination: string;
  /** Allowed workload pairs (a pair counts once whatever its ports). */
  readonly connections: number;
  /** The union of their ports. */
  readonly ports: string;
}

/** `netpol explain`'s answer for one drawn edge. */
export interface ExplainedEdge {
  readonly source: string;
  readonly destination: string;
  readonly explanation: Explanation;
}

/** Who can reach whom, as drawn by the HTML report (`graphs.network` of the JSON report). */
export interface NetworkGraph {
  readonly workloads: readonly NetworkWorkload[];
  /** Address ranges outside every pod that some connection reaches (`0.0.0.0/0` when no policy names one). */
  readonly external: readonly string[];
  /**
   * True above {@link WORKLOAD_LIMIT} workloads: `edges` then holds only connections inside
   * namespaces of at most {@link EXPANDABLE_WORKLOADS} workloads whose edges number at most
   * {@link EXPANDABLE_EDGES}, the graph being drawn by namespace.
   */
  readonly aggregated: boolean;
  readonly edges: readonly NetworkEdge[];
  readonly namespaceEdges: readonly NamespaceEdge[];
  /** For the first {@link EXPLAINED_EDGES} edges of a graph that is not aggregated. */
  readonly explanations: readonly ExplainedEdge[];
}

/** Above this many workloads the graph is drawn by namespace. */
export const WORKLOAD_LIMIT = 150;
/** A namespace of an aggregated graph is drawn workload by workload up to this many workloads... */
export const EXPANDABLE_WORKLOADS = 200;
/** ... and its own edges up to this many (beyond, its workloads are drawn without edges). */
export const EXPANDABLE_EDGES = 400;
/** Explanations precomputed per report. */
export const EXPLAINED_EDGES = 400;

/**
 * The reachability graph of an inventory, from the engine that answers `netpol matrix` and `netpol
 * explain` (with the settings a scan gives the `netpol-*` checks). A workload's connection to its own
 * other replicas is not an edge. Pure.
 */
export function networkGraph(inventory: Inventory, settings: Settings): NetworkGraph {
  const model = checkModelOf(inventory, settings);
  const matrix = reachabilityMatrix(model);
  const classes = model.pods.classes;
  const workloads: NetworkWorkload[] = classes
    .flatMap((podClass) =>
      podClass.workloads.map((workload) => ({
        id: workloadName(workload),
        namespace: workload.namespace,
        kind: workload.resource.kind,
        name: workload.resource.name,
        ingressIsolated: model.ingress[podClass.index]?.isolated === true,
        egressIsolated: model.egress[podClass.index]?.isolated === true,
      })),
    )
    .sort((a, b) => compare(a.id, b.id));
  const external = model.atoms.map(formatRange);
  const aggregated = workloads.length > WORKLOAD_LIMIT;
  const edges: NetworkEdge[] = [];
  const endpoints = new Map<string, Endpoint>();
  const add = (source: CellEnd, destination: CellEnd, ports: PortSet): void => {
    const sourceNames = source.type === 'pods' ? source.podClass.workloads.map(workloadName) : [source.name];
    const destinationNames =
      destination.type === 'pods' ? destination.podClass.workloads.map(workloadName) : [destination.name];
    const text = formatPorts(ports);
    for (const from of sourceNames)
      for (const to of destinationNames)
        if (from !== to) edges.push({ source: from, destination: to, ports: text });
    if (aggregated) return;
    for (const name of sourceNames) endpoints.set(name, endpointOf(source));
    for (const name of destinationNames) endpoints.set(name, endpointOf(destination));
  };
  if (aggregated) {
    const n = classes.length;
    for (const members of expandableNamespaces(matrix))
      for (const source of members)
        for (const destination of members) {
          const id = matrix.classToClass[source.index * n + destination.index] ?? 0;
          if (id !== 0)
            add(
              { type: 'pods', podClass: source },
              { type: 'pods', podClass: destination },
              matrix.portSets[id] ?? NO_PORTS,
            );
        }
  } else forEachCell(matrix, add);
  edges.sort((a, b) => compare(a.source, b.source) || compare(a.destination, b.destination));
  const explanations = aggregated
    ? []
    : edges.slice(0, EXPLAINED_EDGES).map(({ source, destination }) => ({
        source,
        destination,
        explanation: explainConnection(
          model,
          endpoints.get(source) as Endpoint,
          endpoints.get(destination) as Endpoint,
        ),
      }));
  return {
    workloads,
    external,
    aggregated,
    edges,
    namespaceEdges: namespaceEdges(matrix),
    explanations,
  };
}

/** One end of a matrix cell: a pod class, or an address atom with its text. */
type CellEnd =
  | { readonly type: 'pods'; readonly podClass: PodClass }
  | { readonly type: 'ip'; readonly range: IpRange; readonly name: string };

function endpointOf(end: CellEnd): Endpoint {
  return end.type === 'pods' ? end : { type: 'ip', range: end.range };
}

/** Calls `visit` for every allowed cell of the matrix: class to class, address to class, class to address. */
function forEachCell(
  matrix: ReachabilityMatrix,
  visit: (source: CellEnd, destination: CellEnd, ports: PortSet) => void,
): void {
  const classes = matrix.model.pods.classes;
  const atoms = matrix.model.atoms;
  const n = classes.length;
  const ends = classes.map((podClass): CellEnd => ({ type: 'pods', podClass }));
  const atomEnds = atoms.map((range): CellEnd => ({ type: 'ip', range, name: formatRange(range) }));
  const ports = (id: number): PortSet => matrix.portSets[id] ?? NO_PORTS;
  for (let s = 0; s < n; s++)
    for (let d = 0; d < n; d++) {
      const id = matrix.classToClass[s * n + d] ?? 0;
      if (id !== 0) visit(ends[s] as CellEnd, ends[d] as CellEnd, ports(id));
    }
  for (let a = 0; a < atoms.length; a++)
    for (let c = 0; c < n; c++) {
      const into = matrix.atomToClass[a * n + c] ?? 0;
      if (into !== 0) visit(atomEnds[a] as CellEnd, ends[c] as CellEnd, ports(into));
      const out = matrix.classToAtom[c * atoms.length + a] ?? 0;
      if (out !== 0) visit(ends[c] as CellEnd, atomEnds[a] as CellEnd, ports(out));
    }
}

/** The classes of each namespace small enough to be drawn workload by workload in an aggregated graph. */
function expandableNamespaces(matrix: ReachabilityMatrix): PodClass[][] {
  const byNamespace = new Map<string, PodClass[]>();
  for (const podClass of matrix.model.pods.classes) {
    const members = byNamespace.get(podClass.namespace);
    if (members) members.push(podClass);
    else byNamespace.set(podClass.namespace, [podClass]);
  }
  const n = matrix.model.pods.classes.length;
  const expandable: PodClass[][] = [];
  for (const members of byNamespace.values()) {
    let size = 0;
    for (const podClass of members) size += podClass.workloads.length;
    if (size > EXPANDABLE_WORKLOADS) continue;
    let pairs = 0;
    for (const source of members)
      for (const destination of members)
        if ((matrix.classToClass[source.index * n + destination.index] ?? 0) !== 0)
          pairs +=
            source.workloads.length * destination.workloads.length -
            (source === destination ? source.workloads.length : 0);
    if (pairs <= EXPANDABLE_EDGES) expandable.push(members);
  }
  return expandable;
}

/** Connections summed per pair of namespaces (an address range stands for itself). */
function namespaceEdges(matrix: ReachabilityMatrix): NamespaceEdge[] {
  const pairs = new Map<
    string,
    { source: string; destination: string; connections: number; ports: Set<number> }
  >();
  const classes = matrix.model.pods.classes;
  const atoms = matrix.model.atoms;
  const n = classes.length;
  const add = (source: string, destination: string, connections: number, ports: number): void => {
    if (connections === 0) return;
    const key = `${source}\u0000${destination}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { source, destination, connections: 0, ports: new Set() }));
    pair.connections += connections;
    pair.ports.add(ports);
  };
  for (let s = 0; s < n; s++) {
    const source = classes[s] as PodClass;
    for (let d = 0; d < n; d++) {
      const id = matrix.classToClass[s * n + d] ?? 0;
      if (id === 0) continue;
      const destination = classes[d] as PodClass;
      const count =
        source.workloads.length * destination.workloads.length - (s === d ? source.workloads.length : 0);
      add(source.namespace, destination.namespace, count, id);
    }
  }
  atoms.forEach((range, a) => {
    const name = formatRange(range);
    for (let c = 0; c < n; c++) {
      const podClass = classes[c] as PodClass;
      const into = matrix.atomToClass[a * n + c] ?? 0;
      if (into !== 0) add(name, podClass.namespace, podClass.workloads.length, into);
      const out = matrix.classToAtom[c * atoms.length + a] ?? 0;
      if (out !== 0) add(podClass.namespace, name, podClass.workloads.length, out);
    }
  });
  return [...pairs.values()]
    .map(({ source, destination, connections, ports }) => ({
      source,
      destination,
      connections,
      ports: formatPorts(unionPorts([...ports].map((id) => matrix.portSets[id] ?? NO_PORTS))),
    }))
    .sort((a, b) => compare(a.source, b.source) || compare(a.destination, b.destination));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
