import type { ConnectionList } from '../../netpol/connections.ts';
import { renderDot } from './dot.ts';
import type { DrawingLimits } from './drawing.ts';
import { DRAWING_LIMITS, drawConnections } from './drawing.ts';
import { renderDotSvg } from './svg.ts';

/** A drawing of the matrix as text, and notes for stderr (drawn by namespace, Graphviz's warnings). */
export interface MatrixDrawing {
  readonly text: string;
  readonly notes: readonly string[];
}

/**
 * `netpol matrix -o dot|svg`: the connections as a Graphviz digraph, or laid out by Graphviz into
 * SVG. Past `limits` they are drawn by namespace, with a note saying so; past them again, refused
 * (a UsageError).
 */
export async function renderMatrixDrawing(
  list: ConnectionList,
  format: 'dot' | 'svg',
  limits: DrawingLimits = DRAWING_LIMITS,
): Promise<MatrixDrawing> {
  const drawing = drawConnections(list, limits);
  const notes =
    drawing.level === 'namespaces'
      ? [
          `${String(drawing.workloads)} workloads and ${String(drawing.connections)} connections are more than one drawing shows (${String(limits.nodes)} nodes, ${String(limits.edges)} edges): drawn by namespace; -n NAMESPACE draws the workloads of one`,
        ]
      : [];
  const dot = renderDot(drawing);
  if (format === 'dot') return { text: dot, notes };
  const { svg, warnings } = await renderDotSvg(dot);
  return { text: svg, notes: [...notes, ...warnings.map((warning) => `Graphviz: ${warning}`)] };
}
