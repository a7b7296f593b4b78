import { escapeControls } from '../../model/terminal-text.ts';
import type { ConnectionDrawing, DrawnNode } from './drawing.ts';

/**
 * A DOT double-quoted string (an ID in the DOT language grammar) of any text: control characters
 * made visible first, then `\` doubled and `"` escaped, so the string ends at its own closing quote
 * and, used as a label (an escString), shows the text as it is.
 */
export function dotString(value: string): string {
  return `"${escapeControls(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const SHAPES: Readonly<Record<DrawnNode['kind'], string>> = {
  workload: 'box',
  namespace: 'folder',
  external: 'ellipse',
};

function nodeLine(node: DrawnNode, indent: string): string {
  const shape = node.kind === 'workload' ? '' : `, shape=${SHAPES[node.kind]}`;
  return `${indent}${dotString(node.id)} [label=${dotString(node.label)}${shape}];`;
}

/**
 * A drawing as a Graphviz digraph, left to right: each namespace a `subgraph "cluster_<ns>"` holding
 * its workloads (boxes labelled kind/name), address ranges as ellipses (namespaces as folders when
 * drawn by namespace), one edge per connection labelled with its ports (one edge with an arrow at
 * each end for a connection allowed both ways on the same ports; ranges reached alike as one node). The order is the drawing's,
 * sorted, so the same input gives the same text.
 */
export function renderDot(drawing: ConnectionDrawing): string {
  const title =
    drawing.level === 'namespaces'
      ? `allowed connections by namespace: ${String(drawing.workloads)} workloads, ${String(drawing.connections)} connections`
      : 'allowed connections';
  const lines = [
    'digraph netpol {',
    `  label=${dotString(title)};`,
    '  labelloc=t;',
    '  rankdir=LR;',
    '  fontname="Helvetica";',
    '  node [shape=box, fontname="Helvetica", fontsize=11, margin="0.25,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const namespace of drawing.clusters) {
    lines.push(
      `  subgraph ${dotString(`cluster_${namespace}`)} {`,
      `    label=${dotString(`namespace ${namespace}`)};`,
    );
    for (const node of drawing.nodes) if (node.namespace === namespace) lines.push(nodeLine(node, '    '));
    lines.push('  }');
  }
  for (const node of drawing.nodes) if (node.namespace === undefined) lines.push(nodeLine(node, '  '));
  for (const edge of drawing.edges)
    lines.push(
      `  ${dotString(edge.source)} -> ${dotString(edge.destination)} [label=${dotString(edge.label)}${edge.both === true ? ', dir=both' : ''}];`,
    );
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
