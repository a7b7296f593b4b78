import { h } from './escape.ts';
import type { GraphLayout, Point } from './layout.ts';

/** Attributes of one drawn element: its classes, `data-*` values and accessible name. */
export interface Decoration {
  readonly className: string;
  readonly data: Readonly<Record<string, string>>;
  readonly title: string;
}

/** How nodes and edges look: decided per element by the caller. */
export interface Decorate {
  node(id: string): Decoration;
  edge(edge: GraphLayout['edges'][number]): Decoration;
}

const round = (value: number): string => String(Math.round(value * 10) / 10);

function path(points: readonly Point[]): string {
  return points.map((point, i) => `${i === 0 ? 'M' : 'L'}${round(point.x)} ${round(point.y)}`).join('');
}

function attributes({ className, data, title }: Decoration): string {
  const values = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${h(value)}"`)
    .join('');
  return `class="${h(className)}"${values} tabindex="0" role="button" aria-label="${h(title)}"`;
}

/**
 * A laid out graph as inline SVG: clusters as labelled boxes, nodes as focusable buttons (rectangle
 * and label), edges as focusable paths with an arrow and their label. `id` names the SVG (and its
 * arrow marker).
 */
export function drawSvg(id: string, label: string, layout: GraphLayout, decorate: Decorate): string {
  const clusters = layout.clusters
    .map(
      ({ label: text, box }) =>
        `<g class="cluster"><rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="6"/><text x="${round(box.x + 10)}" y="${round(box.y + 18)}">${h(text)}</text></g>`,
    )
    .join('');
  const edges = layout.edges
    .map((edge) => {
      const decoration = decorate.edge(edge);
      const text = edge.label
        ? `<text x="${round(edge.label.x)}" y="${round(edge.label.y + 4)}" text-anchor="middle">${h(edge.label.text)}</text>`
        : '';
      return `<g ${attributes(decoration)}><title>${h(decoration.title)}</title><path d="${path(edge.points)}"${edge.both ? ` marker-start="url(#${id}-arrow)"` : ''} marker-end="url(#${id}-arrow)"/>${text}</g>`;
    })
    .join('');
  const nodes = layout.nodes
    .map(({ id: nodeId, label: text, box }) => {
      const decoration = decorate.node(nodeId);
      return `<g ${attributes(decoration)}><title>${h(decoration.title)}</title><rect x="${round(box.x)}" y="${round(box.y)}" width="${round(box.width)}" height="${round(box.height)}" rx="4"/><text x="${round(box.x + box.width / 2)}" y="${round(box.y + box.height / 2 + 4)}" text-anchor="middle">${h(text)}</text></g>`;
    })
    .join('');
  return `<svg id="${h(id)}" class="graph" role="group" aria-label="${h(label)}" width="${round(layout.width)}" height="${round(layout.height)}" viewBox="0 0 ${round(layout.width)} ${round(layout.height)}"><defs><marker id="${h(id)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>${clusters}<g class="edges">${edges}</g><g class="nodes">${nodes}</g></svg>`;
}
