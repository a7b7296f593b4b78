import { UsageError } from '../../model/errors.ts';
import type { ConnectionList } from '../../netpol/connections.ts';

/** A node of a drawing: a workload (inside its namespace's cluster), a namespace, or address ranges. */
export interface DrawnNode {
  readonly id: string;
  readonly label: string;
  readonly kind: 'workload' | 'namespace' | 'external';
  /** The namespace whose cluster holds the node. */
  readonly namespace?: string;
}

/** An edge of a drawing: the allowed ports, or in a drawing by namespace the connections it stands for. */
export interface DrawnEdge {
  readonly source: string;
  readonly destination: string;
  readonly label: string;
  /** Allowed both ways on the same ports: drawn once, with an arrow at each end. */
  readonly both?: boolean;
}

/** What `-o dot` and `-o svg` draw: workload by workload, or namespace by namespace when that is too much. */
export interface ConnectionDrawing {
  readonly level: 'workloads' | 'namespaces';
  /** Namespaces drawn as clusters (workload level), sorted. */
  readonly clusters: readonly string[];
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  /** Workloads and connections of the matrix drawn. */
  readonly workloads: number;
  readonly connections: number;
}

/** How much one drawing may hold: Graphviz's layout takes seconds past a few hundred nodes and edges. */
export interface DrawingLimits {
  readonly nodes: number;
  readonly edges: number;
}

/** The default limits: beyond them a drawing is by namespace, and beyond them again refused. */
export const DRAWING_LIMITS: DrawingLimits = { nodes: 150, edges: 500 };

/** Plain code-unit order: the same in every locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The namespace of a workload named `kind/namespace/name` (as the matrix names them). */
export function namespaceOfName(name: string): string | undefined {
  const parts = name.split('/');
  return parts.length >= 3 ? parts[1] : undefined;
}

/** The workloads of the list and the other ends of its connections (another namespace's under `-n`). */
function workloadNames(list: ConnectionList): Set<string> {
  const names = new Set(list.workloads);
  for (const c of list.connections)
    for (const name of [c.source, c.destination]) if (namespaceOfName(name) !== undefined) names.add(name);
  return names;
}

/**
 * The address ranges of the connections, each mapped to the first of those reached alike (the same
 * workloads, both ways, on the same ports): they are drawn as one node.
 */
function externalGroups(list: ConnectionList, workloads: ReadonlySet<string>): Map<string, string> {
  const signatures = new Map<string, string[]>();
  for (const c of list.connections) {
    if (!workloads.has(c.source))
      signatures.set(c.source, [...(signatures.get(c.source) ?? []), `in ${c.destination} ${c.ports}`]);
    if (!workloads.has(c.destination))
      signatures.set(c.destination, [...(signatures.get(c.destination) ?? []), `out ${c.source} ${c.ports}`]);
  }
  const first = new Map<string, string>();
  const representative = new Map<string, string>();
  for (const [range, lines] of [...signatures].sort(([a], [b]) => byCodeUnits(a, b))) {
    const key = lines.sort(byCodeUnits).join('\n');
    if (!first.has(key)) first.set(key, range);
    representative.set(range, first.get(key) ?? range);
  }
  return representative;
}

function workloadLevel(list: ConnectionList): ConnectionDrawing {
  const workloads = workloadNames(list);
  const nodes: DrawnNode[] = [...workloads].sort(byCodeUnits).map((name) => {
    const [kind = '', namespace, ...short] = name.split('/');
    return namespace === undefined || short.length === 0
      ? { id: name, label: name, kind: 'workload' }
      : { id: name, label: `${kind}/${short.join('/')}`, kind: 'workload', namespace };
  });
  const representative = externalGroups(list, workloads);
  const groups = new Map<string, string[]>();
  for (const [range, id] of [...representative].sort(([a], [b]) => byCodeUnits(a, b)))
    groups.set(id, [...(groups.get(id) ?? []), range]);
  for (const [id, ranges] of [...groups].sort(([a], [b]) => byCodeUnits(a, b)))
    nodes.push({ id, label: ranges.join(', '), kind: 'external' });
  const clusters = [
    ...new Set(nodes.flatMap((node) => (node.namespace === undefined ? [] : [node.namespace]))),
  ].sort(byCodeUnits);
  const endpoint = (name: string): string => representative.get(name) ?? name;
  const directed = new Map<string, DrawnEdge>();
  for (const c of list.connections) {
    const edge = { source: endpoint(c.source), destination: endpoint(c.destination), label: c.ports };
    directed.set(`${edge.source}\u0000${edge.destination}`, edge);
  }
  const edges: DrawnEdge[] = [];
  for (const edge of directed.values()) {
    const reverse = directed.get(`${edge.destination}\u0000${edge.source}`);
    const both = reverse !== undefined && reverse !== edge && reverse.label === edge.label;
    if (both && byCodeUnits(edge.source, edge.destination) > 0) continue;
    edges.push(both ? { ...edge, both } : edge);
  }
  edges.sort((a, b) => byCodeUnits(a.source, b.source) || byCodeUnits(a.destination, b.destination));
  return {
    level: 'workloads',
    clusters,
    nodes,
    edges,
    workloads: list.workloads.length,
    connections: list.connections.length,
  };
}

/** One node per namespace (its workloads counted) and per address range, one edge per pair of them. */
function namespaceLevel(list: ConnectionList): ConnectionDrawing {
  const workloads = workloadNames(list);
  const nodeOf = (name: string): string =>
    workloads.has(name) ? `namespace ${namespaceOfName(name) ?? name}` : name;
  const counts = new Map<string, number>();
  for (const name of workloads) counts.set(nodeOf(name), (counts.get(nodeOf(name)) ?? 0) + 1);
  const pairs = new Map<string, { source: string; destination: string; count: number; ports: Set<string> }>();
  const external = new Set<string>();
  for (const c of list.connections) {
    const source = nodeOf(c.source);
    const destination = nodeOf(c.destination);
    if (!workloads.has(c.source)) external.add(source);
    if (!workloads.has(c.destination)) external.add(destination);
    const key = `${source}\u0000${destination}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { source, destination, count: 0, ports: new Set() }));
    pair.count++;
    pair.ports.add(c.ports);
  }
  const nodes: DrawnNode[] = [
    ...[...counts]
      .sort(([a], [b]) => byCodeUnits(a, b))
      .map(([id, count]): DrawnNode => ({
        id,
        label: `${id} (${String(count)} workload${count === 1 ? '' : 's'})`,
        kind: 'namespace',
      })),
    ...[...external].sort(byCodeUnits).map((id): DrawnNode => ({ id, label: id, kind: 'external' })),
  ];
  const edges = [...pairs.values()]
    .sort((a, b) => byCodeUnits(a.source, b.source) || byCodeUnits(a.destination, b.destination))
    .map(({ source, destination, count, ports }) => {
      const distinct = [...ports].sort(byCodeUnits);
      const connections = `${String(count)} connection${count === 1 ? '' : 's'}`;
      return {
        source,
        destination,
        label: distinct.length <= 2 ? `${connections}: ${distinct.join('; ')}` : connections,
      };
    });
  return {
    level: 'namespaces',
    clusters: [],
    nodes,
    edges,
    workloads: list.workloads.length,
    connections: list.connections.length,
  };
}

const fits = (drawing: ConnectionDrawing, limits: DrawingLimits): boolean =>
  drawing.nodes.length <= limits.nodes && drawing.edges.length <= limits.edges;

/**
 * What a drawing of the connections shows: every workload in its namespace's cluster with one edge
 * per connection; past `limits`, one node per namespace with one edge per pair of namespaces (its
 * count of connections, and their ports when they are at most two). A drawing by namespace past the
 * limits too is refused with a UsageError naming the flags that narrow the matrix.
 */
export function drawConnections(
  list: ConnectionList,
  limits: DrawingLimits = DRAWING_LIMITS,
): ConnectionDrawing {
  const workloads = workloadLevel(list);
  if (fits(workloads, limits)) return workloads;
  const namespaces = namespaceLevel(list);
  if (fits(namespaces, limits)) return namespaces;
  throw new UsageError(
    `too large to draw: ${String(list.workloads.length)} workloads and ${String(list.connections.length)} connections make ${String(namespaces.nodes.length)} nodes and ${String(namespaces.edges.length)} edges even drawn by namespace (at most ${String(limits.nodes)} nodes and ${String(limits.edges)} edges); narrow the matrix with -n NAMESPACE, or use -o table, csv, md or json`,
  );
}
