import type { ReportDocument } from '../../report/report-document.ts';
import { h } from './escape.ts';
import type { GraphLayout } from './layout.ts';
import { layoutGraph } from './layout.ts';
import { drawSvg } from './svg.ts';

/** The attack-path graph of a report (`graphs.attackPaths`). */
export type AttackData = NonNullable<ReportDocument['graphs']>['attackPaths'];

const TYPE_TITLES = {
  workload: 'workload',
  serviceaccount: 'ServiceAccount',
  binding: 'binding',
  role: 'role',
  goal: 'reaches',
} as const;

/** Lays the attack paths out left to right: workloads, ServiceAccounts, bindings, roles, goals. */
export async function layoutAttackPaths(graph: AttackData): Promise<GraphLayout> {
  return layoutGraph({
    direction: 'RIGHT',
    clusters: [],
    nodes: graph.nodes.map((node) => ({ id: node.id, label: node.label })),
    edges: graph.edges.map((edge, i) => ({
      id: `a${String(i)}`,
      source: edge.source,
      target: edge.destination,
    })),
  });
}

/** The attack-path section: the drawing (critical paths highlighted) and the chains as text. */
export function renderAttackPaths(graph: AttackData | undefined, layout: GraphLayout | undefined): string {
  if (graph === undefined) return '';
  if (graph.nodes.length === 0)
    return '<p class="note" id="attack-summary">No workload&#39;s ServiceAccount reaches a cluster-admin-equivalent goal.</p>';
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const critical = new Set(
    graph.edges.filter((edge) => edge.critical).map((edge) => `${edge.source}\u0000${edge.destination}`),
  );
  const workloads = graph.nodes.filter((node) => node.type === 'workload');
  const summary = `<p id="attack-summary">${String(workloads.length)} workloads reach a cluster-admin-equivalent goal through their ServiceAccount, ${String(workloads.filter((node) => node.critical).length)} of them with the token mounted (critical paths in red).${graph.omitted > 0 ? ` ${String(graph.omitted)} more are not drawn.` : ''} Select a workload to follow its paths.</p>`;
  const drawing =
    layout === undefined
      ? ''
      : `<div class="graph-box">${drawSvg('attack-graph', 'RBAC attack paths', layout, {
          node(id) {
            const node = nodes.get(id);
            return {
              className: `node ${node?.type ?? ''}${node?.critical === true ? ' critical' : ''}`,
              data: { id },
              title: `${TYPE_TITLES[node?.type ?? 'workload']}: ${node?.label ?? id}`,
            };
          },
          edge(edge) {
            const isCritical = critical.has(`${edge.source}\u0000${edge.target}`);
            return {
              className: `edge${isCritical ? ' critical' : ''}`,
              data: { source: edge.source, destination: edge.target },
              title: `${nodes.get(edge.source)?.label ?? edge.source} → ${nodes.get(edge.target)?.label ?? edge.target}`,
            };
          },
        })}</div>`;
  const chains = graph.chains
    .map(({ chain, critical: isCritical }) => `<li${isCritical ? ' class="critical"' : ''}>${h(chain)}</li>`)
    .join('');
  return `${summary}${drawing}<details><summary>Chains (${String(graph.chains.length)})</summary><ul class="chains">${chains}</ul></details>`;
}
