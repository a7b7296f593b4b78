import bundled from 'elkjs/lib/elk.bundled.js';
import type {
  ELK as ElkInstance,
  ELKConstructorArguments,
  ElkExtendedEdge,
  ElkNode,
} from 'elkjs/lib/elk-api.js';

/** elkjs's bundle is CommonJS: its `module.exports` is the constructor that its types call the default export. */
const ELK = bundled as unknown as new (args?: ELKConstructorArguments) => ElkInstance;

/** A graph to draw: nodes (optionally inside one cluster each) and directed, optionally labelled, edges. */
export interface GraphSpec {
  readonly clusters: readonly { readonly id: string; readonly label: string }[];
  readonly nodes: readonly { readonly id: string; readonly label: string; readonly cluster?: string }[];
  readonly edges: readonly {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly label?: string;
    /** The edge stands for connections both ways: drawn with an arrow at each end. */
    readonly both?: boolean;
  }[];
  /** Where edges point: `RIGHT` (left to right) or `DOWN`. */
  readonly direction: 'RIGHT' | 'DOWN';
  /**
   * ELK's `layered` (the default: edges in one direction, labels placed) or `force` (straight edges,
   * no clusters), for dense graphs where layering costs too much and shows little.
   */
  readonly algorithm?: 'layered' | 'force';
}

/** A box in the drawing's coordinates (absolute, from the top left corner). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A point of an edge's route. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where the layout put everything, ready to be drawn as SVG. */
export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly clusters: readonly { readonly id: string; readonly label: string; readonly box: Box }[];
  readonly nodes: readonly { readonly id: string; readonly label: string; readonly box: Box }[];
  readonly edges: readonly {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly points: readonly Point[];
    readonly both: boolean;
    readonly label?: { readonly text: string; readonly x: number; readonly y: number };
  }[];
}

/** Width of a text of 12px in the page's sans-serif font, generously estimated. */
export function textWidth(text: string): number {
  return Math.ceil(text.length * 7 + 4);
}

const NODE_HEIGHT = 26;

const FORCE = {
  'elk.algorithm': 'force',
  'elk.randomSeed': '1',
  'elk.spacing.nodeNode': '60',
  'elk.padding': '[top=8,left=8,bottom=8,right=8]',
};
const PADDING = 12;

/**
 * Lays a graph out with ELK's layered algorithm (elkjs: Eclipse Layout Kernel compiled to JavaScript,
 * run here, at report time, so the page needs no layout code). Clusters are compound nodes; edges
 * between clusters are routed across them (`hierarchyHandling: INCLUDE_CHILDREN`). Deterministic:
 * the same spec gives the same drawing. Pure, asynchronous only because elkjs is.
 */
export async function layoutGraph(spec: GraphSpec): Promise<GraphLayout> {
  const nodeOf = (node: GraphSpec['nodes'][number]): ElkNode => ({
    id: node.id,
    width: Math.max(60, textWidth(node.label) + 2 * 8),
    height: NODE_HEIGHT,
  });
  const clustered = new Map<string, ElkNode[]>(spec.clusters.map((cluster) => [cluster.id, []]));
  const top: ElkNode[] = [];
  for (const node of spec.nodes) {
    const members = node.cluster === undefined ? undefined : clustered.get(node.cluster);
    (members ?? top).push(nodeOf(node));
  }
  const clusterLabels = new Map(spec.clusters.map((cluster) => [cluster.id, cluster.label]));
  for (const cluster of spec.clusters)
    top.push({
      id: cluster.id,
      children: clustered.get(cluster.id) ?? [],
      labels: [{ text: cluster.label, width: textWidth(cluster.label), height: 16 }],
      layoutOptions: {
        'elk.padding': `[top=${PADDING + 18},left=${PADDING},bottom=${PADDING},right=${PADDING}]`,
        'elk.nodeLabels.placement': 'INSIDE V_TOP H_LEFT',
        'elk.nodeSize.constraints': 'NODE_LABELS MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${textWidth(cluster.label) + 2 * PADDING}, 40)`,
      },
    });
  const edges: ElkExtendedEdge[] = spec.edges.map((edge) => ({
    id: edge.id,
    sources: [edge.source],
    targets: [edge.target],
    ...(edge.label === undefined
      ? {}
      : { labels: [{ text: edge.label, width: textWidth(edge.label), height: 14 }] }),
  }));
  const root: ElkNode = {
    id: 'root',
    children: top,
    edges,
    layoutOptions:
      spec.algorithm === 'force'
        ? FORCE
        : {
            'elk.algorithm': 'layered',
            'elk.direction': spec.direction,
            'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
            'elk.edgeRouting': 'POLYLINE',
            'elk.edgeLabels.placement': 'CENTER',
            'elk.spacing.nodeNode': '24',
            'elk.layered.spacing.nodeNodeBetweenLayers': '48',
            'elk.spacing.edgeLabel': '2',
            'elk.padding': '[top=8,left=8,bottom=8,right=8]',
          },
  };
  const laid = await new ELK().layout(root);
  const origin = new Map<string, Point>([['root', { x: 0, y: 0 }]]);
  const clusters: GraphLayout['clusters'][number][] = [];
  const nodes: GraphLayout['nodes'][number][] = [];
  const labels = new Map(spec.nodes.map((node) => [node.id, node.label]));
  const visit = (node: ElkNode, parent: Point): void => {
    const x = parent.x + (node.x ?? 0);
    const y = parent.y + (node.y ?? 0);
    origin.set(node.id, { x, y });
    const box = { x, y, width: node.width ?? 0, height: node.height ?? 0 };
    const clusterLabel = clusterLabels.get(node.id);
    if (clusterLabel !== undefined) clusters.push({ id: node.id, label: clusterLabel, box });
    else nodes.push({ id: node.id, label: labels.get(node.id) ?? node.id, box });
    for (const child of node.children ?? []) visit(child, { x, y });
  };
  for (const child of laid.children ?? []) visit(child, { x: 0, y: 0 });
  const targets = new Map(spec.edges.map((edge) => [edge.id, edge]));
  const routed: GraphLayout['edges'][number][] = [];
  const collect = (node: ElkNode): void => {
    for (const edge of node.edges ?? []) {
      const at = origin.get(edge.container ?? node.id) ?? { x: 0, y: 0 };
      const section = edge.sections?.[0];
      const given = targets.get(edge.id);
      if (!section || !given) continue;
      const shift = (point: Point): Point => ({ x: at.x + point.x, y: at.y + point.y });
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(shift);
      const label = edge.labels?.[0];
      routed.push({
        id: edge.id,
        source: given.source,
        target: given.target,
        points,
        both: given.both === true,
        ...(label === undefined || given.label === undefined
          ? {}
          : {
              label: {
                text: given.label,
                x: at.x + (label.x ?? 0) + (label.width ?? 0) / 2,
                y: at.y + (label.y ?? 0) + (label.height ?? 0) / 2,
              },
            }),
      });
    }
    for (const child of node.children ?? []) collect(child);
  };
  collect(laid);
  return { width: laid.width ?? 0, height: laid.height ?? 0, clusters, nodes, edges: routed };
}
