import { escapeControls } from '../../model/terminal-text.ts';
import type { ReportDocument } from '../../report/report-document.ts';
import { renderExplanation } from '../netpol/explain.ts';
import { h, scriptJson } from './escape.ts';
import type { GraphLayout, GraphSpec } from './layout.ts';
import { layoutGraph, textWidth } from './layout.ts';
import type { Decorate, Decoration } from './svg.ts';
import { drawSvg } from './svg.ts';

/** The network graph of a report (`graphs.network`). */
export type NetworkData = NonNullable<ReportDocument['graphs']>['network'];

/** The network graph laid out: the main drawing, and in an aggregated graph one per namespace. */
export interface NetworkDrawing {
  readonly main: GraphLayout;
  readonly namespaces: ReadonlyMap<string, GraphLayout>;
}

/** Workloads drawn at most when a namespace of an aggregated graph is opened. */
export const NAMESPACE_WORKLOADS_DRAWN = 500;

const workloadNode = (id: string): string => `w:${id}`;
const externalNode = (range: string): string => `x:${range}`;
const namespaceNode = (namespace: string): string => `n:${namespace}`;

/** `deployment/shop/web` drawn as `web`, with its kind below in the title. */
function shortName(workload: NetworkData['workloads'][number]): string {
  return `${workload.kind.toLowerCase()}/${workload.name}`;
}

/** A drawn edge: one way, or both ways with the same ports; unlabelled when every port is allowed. */
export interface DrawnEdge {
  readonly source: string;
  readonly destination: string;
  readonly ports: string;
  readonly both: boolean;
}

/**
 * What the drawing shows of a graph's edges (inside one namespace, or all of them): address ranges
 * reached alike (same workloads, same ports, both ways) drawn as one node, and a connection allowed
 * both ways with the same ports drawn as one edge with two arrows.
 */
export function drawnNetwork(
  graph: NetworkData,
  namespace?: string,
): {
  readonly workloads: NetworkData['workloads'];
  readonly external: readonly { readonly id: string; readonly ranges: readonly string[] }[];
  readonly edges: readonly DrawnEdge[];
} {
  const workloads = graph.workloads.filter((w) => namespace === undefined || w.namespace === namespace);
  const known = new Set(workloads.map((w) => w.id));
  const edges = graph.edges.filter((edge) =>
    namespace === undefined ? true : known.has(edge.source) && known.has(edge.destination),
  );
  const signatures = new Map<string, string[]>();
  if (namespace === undefined)
    for (const edge of edges) {
      const range = known.has(edge.source)
        ? known.has(edge.destination)
          ? undefined
          : edge.destination
        : edge.source;
      if (range === undefined) continue;
      const line =
        range === edge.source ? `in ${edge.destination} ${edge.ports}` : `out ${edge.source} ${edge.ports}`;
      signatures.set(range, [...(signatures.get(range) ?? []), line]);
    }
  const groups = new Map<string, string[]>();
  for (const range of namespace === undefined ? graph.external : []) {
    const key = (signatures.get(range) ?? []).sort().join('\n');
    groups.set(key, [...(groups.get(key) ?? []), range]);
  }
  const external = [...groups.values()].map((ranges) => ({ id: ranges[0] ?? '', ranges }));
  const representative = new Map(external.flatMap((group) => group.ranges.map((range) => [range, group.id])));
  const endpoint = (name: string): string => representative.get(name) ?? name;
  const directed = new Map<string, DrawnEdge>();
  for (const edge of edges) {
    const source = endpoint(edge.source);
    const destination = endpoint(edge.destination);
    directed.set(`${source}\u0000${destination}`, { source, destination, ports: edge.ports, both: false });
  }
  const drawn: DrawnEdge[] = [];
  const done = new Set<string>();
  for (const [key, edge] of directed) {
    if (done.has(key)) continue;
    const reverseKey = `${edge.destination}\u0000${edge.source}`;
    const reverse = directed.get(reverseKey);
    if (reverse && reverse.ports === edge.ports) {
      done.add(reverseKey);
      drawn.push({ ...edge, both: true });
    } else drawn.push(edge);
  }
  return { workloads, external, edges: drawn };
}

function workloadSpec(graph: NetworkData, namespace?: string): GraphSpec {
  const drawn = drawnNetwork(graph, namespace);
  const known = new Set(drawn.workloads.map((w) => w.id));
  const endpoint = (name: string): string => (known.has(name) ? workloadNode(name) : externalNode(name));
  const namespaces = [...new Set(drawn.workloads.map((w) => w.namespace))];
  return {
    direction: 'RIGHT',
    clusters:
      namespace === undefined
        ? namespaces.map((ns) => ({ id: namespaceNode(ns), label: `namespace ${ns}` }))
        : [],
    nodes: [
      ...drawn.workloads.map((w) => ({
        id: workloadNode(w.id),
        label: shortName(w),
        ...(namespace === undefined ? { cluster: namespaceNode(w.namespace) } : {}),
      })),
      ...drawn.external.map((group) => ({ id: externalNode(group.id), label: group.ranges.join(', ') })),
    ],
    edges: drawn.edges.map((edge, i) => ({
      id: `e${String(i)}`,
      source: endpoint(edge.source),
      target: endpoint(edge.destination),
      both: edge.both,
      ...(edge.ports === 'all' ? {} : { label: edge.ports }),
    })),
  };
}

/** Namespace edges above which the overview is laid out by force (straight edges, no labels). */
const LAYERED_NAMESPACE_EDGES = 120;

function namespaceSpec(graph: NetworkData): GraphSpec {
  const sizes = workloadCounts(graph);
  const dense = graph.namespaceEdges.length > LAYERED_NAMESPACE_EDGES;
  return {
    direction: 'RIGHT',
    algorithm: dense ? 'force' : 'layered',
    clusters: [],
    nodes: [
      ...[...sizes].map(([namespace, size]) => ({
        id: namespaceNode(namespace),
        label: `${namespace} (${String(size)})`,
      })),
      ...graph.external.map((range) => ({ id: externalNode(range), label: range })),
    ],
    edges: graph.namespaceEdges
      .filter((edge) => edge.source !== edge.destination)
      .map((edge, i) => ({
        id: `e${String(i)}`,
        source: sizes.has(edge.source) ? namespaceNode(edge.source) : externalNode(edge.source),
        target: sizes.has(edge.destination)
          ? namespaceNode(edge.destination)
          : externalNode(edge.destination),
        ...(dense ? {} : { label: `${String(edge.connections)} × ${edge.ports}` }),
      })),
  };
}

function workloadCounts(graph: NetworkData): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const workload of graph.workloads)
    sizes.set(workload.namespace, (sizes.get(workload.namespace) ?? 0) + 1);
  return sizes;
}

/** Workloads in rows, for a namespace whose connections are too many to draw. */
function gridLayout(graph: NetworkData, namespace: string): GraphLayout {
  const workloads = graph.workloads
    .filter((w) => w.namespace === namespace)
    .slice(0, NAMESPACE_WORKLOADS_DRAWN);
  let width = 60;
  for (const w of workloads) width = Math.max(width, textWidth(shortName(w)) + 16);
  const columns = Math.max(1, Math.min(6, Math.floor(1100 / (width + 16))));
  const nodes = workloads.map((w, i) => ({
    id: workloadNode(w.id),
    label: shortName(w),
    box: { x: 8 + (i % columns) * (width + 16), y: 8 + Math.floor(i / columns) * 40, width, height: 26 },
  }));
  const rows = Math.ceil(workloads.length / columns);
  return {
    width: 16 + Math.min(columns, workloads.length) * (width + 16),
    height: 16 + rows * 40,
    clusters: [],
    nodes,
    edges: [],
  };
}

/**
 * Lays the network graph out: workload by workload inside namespace clusters, or, when the graph is
 * aggregated, namespace by namespace, with one drawing per namespace to open (its own connections
 * when the report holds them, else its workloads in rows).
 */
export async function layoutNetwork(graph: NetworkData): Promise<NetworkDrawing> {
  if (!graph.aggregated) return { main: await layoutGraph(workloadSpec(graph)), namespaces: new Map() };
  const namespaces = new Map<string, GraphLayout>();
  const namespaceOf = new Map(graph.workloads.map((w) => [w.id, w.namespace]));
  const withEdges = new Set(graph.edges.map((edge) => namespaceOf.get(edge.source)));
  for (const namespace of workloadCounts(graph).keys())
    namespaces.set(
      namespace,
      withEdges.has(namespace)
        ? await layoutGraph(workloadSpec(graph, namespace))
        : gridLayout(graph, namespace),
    );
  return { main: await layoutGraph(namespaceSpec(graph)), namespaces };
}

function decorations(graph: NetworkData, explained: ReadonlySet<string>): Decorate {
  const workloads = new Map(graph.workloads.map((w) => [workloadNode(w.id), w]));
  const sizes = workloadCounts(graph);
  const idOf = (node: string): string => node.slice(2);
  const between = new Map(
    graph.namespaceEdges.map((edge) => [`${edge.source}\u0000${edge.destination}`, edge]),
  );
  return {
    node(id): Decoration {
      const workload = workloads.get(id);
      if (workload) {
        const open = [
          ...(workload.ingressIsolated ? [] : ['no NetworkPolicy isolates its ingress']),
          ...(workload.egressIsolated ? [] : ['no NetworkPolicy isolates its egress']),
        ];
        return {
          className: `node workload${workload.ingressIsolated ? '' : ' open-ingress'}${workload.egressIsolated ? '' : ' open-egress'}`,
          data: { id: workload.id, namespace: workload.namespace },
          title: `${workload.id}${open.length === 0 ? ': isolated by policy' : `: ${open.join('; ')}`}`,
        };
      }
      if (id.startsWith('n:'))
        return {
          className: 'node namespace',
          data: { id: idOf(id), namespace: idOf(id) },
          title: `namespace ${idOf(id)}: ${String(sizes.get(idOf(id)) ?? 0)} workloads (open to show them)`,
        };
      return { className: 'node external', data: { id: idOf(id) }, title: `addresses ${idOf(id)}` };
    },
    edge(edge): Decoration {
      const source = idOf(edge.source);
      const destination = idOf(edge.target);
      const key = `${source} ${edge.both ? '↔' : '→'} ${destination}`;
      const counted = graph.aggregated ? between.get(`${source}\u0000${destination}`) : undefined;
      if (counted)
        return {
          className: 'edge namespaces',
          data: { source, destination },
          title: `${key}: ${String(counted.connections)} workload pairs, ${counted.ports}`,
        };
      return {
        className: `edge${explained.has(`${escapeControls(source)} → ${escapeControls(destination)}`) ? ' explained' : ''}`,
        data: { source, destination, ...(edge.both ? { both: '1' } : {}) },
        title: `${key}: ${edge.label?.text ?? 'every port'}`,
      };
    },
  };
}

/**
 * The network section: legend, the drawing (or, without one, the connections as a list), the
 * explanation panel, and the explanations of the drawn edges as data for the page's script.
 */
export function renderNetwork(graph: NetworkData | undefined, drawing: NetworkDrawing | undefined): string {
  if (graph === undefined)
    return '<p class="note">This report holds no graphs: write the JSON report with <code>kubeward scan -o json --graphs</code>.</p>';
  if (graph.workloads.length === 0) return '<p class="note">No workloads in this input.</p>';
  const explanations = Object.fromEntries(
    graph.explanations.map(({ source, destination, explanation }) => [
      `${escapeControls(source)} → ${escapeControls(destination)}`,
      renderExplanation(explanation),
    ]),
  );
  const explained = new Set(Object.keys(explanations));
  const open = graph.workloads.filter((w) => !w.ingressIsolated).length;
  const summary = `<p id="network-summary">${String(graph.workloads.length)} workloads in ${String(workloadCounts(graph).size)} namespaces, ${String(graph.external.length)} external address ranges; ${String(open)} workloads accept connections from anywhere (no NetworkPolicy isolates their ingress).${graph.aggregated ? ' Drawn by namespace: edges count the workload pairs allowed; open a namespace to see its workloads.' : ''}</p>`;
  const legend =
    '<p class="legend"><span class="key workload">isolated workload</span> <span class="key workload open-ingress">not isolated (ingress)</span> <span class="key external">external addresses</span> An arrow at both ends: allowed both ways; no label: every port. Select a workload to highlight its connections, a connection to see why it is allowed.</p>';
  if (drawing === undefined) {
    const rows = graph.edges
      .map(
        (edge) =>
          `<tr><td>${h(edge.source)}</td><td>${h(edge.destination)}</td><td>${h(edge.ports)}</td></tr>`,
      )
      .join('');
    return `${summary}<table><thead><tr><th>Source</th><th>Destination</th><th>Ports</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  const decorate = decorations(graph, explained);
  const main = drawSvg(
    'network-graph',
    graph.aggregated ? 'Network connections between namespaces' : 'Network connections between workloads',
    drawing.main,
    decorate,
  );
  const namespaces = Object.fromEntries(
    [...drawing.namespaces].map(([namespace, layout], i) => [
      escapeControls(namespace),
      drawSvg(`network-ns-${String(i)}`, `Workloads of namespace ${namespace}`, layout, decorate),
    ]),
  );
  return `${summary}${legend}<div class="graph-box">${main}</div><div id="namespace-panel" hidden><h3 id="namespace-title"></h3><div class="graph-box" id="namespace-graph"></div></div><div id="explain-panel" hidden><h3 id="explain-title"></h3><pre id="explain-text"></pre></div><script type="application/json" id="namespace-drawings">${scriptJson(namespaces)}</script><script type="application/json" id="explanations">${scriptJson(explanations)}</script>`;
}
