import type { Inventory } from '../model/inventory.ts';
import type { Settings } from '../model/settings.ts';
import type { AttackGraph } from './attack-graph.ts';
import { attackGraph } from './attack-graph.ts';
import type { NetworkGraph } from './network-graph.ts';
import { networkGraph } from './network-graph.ts';

export type { AttackEdge, AttackGraph, AttackNode } from './attack-graph.ts';
export type {
  ExplainedEdge,
  NamespaceEdge,
  NetworkEdge,
  NetworkGraph,
  NetworkWorkload,
} from './network-graph.ts';

/** What the HTML report draws: `graphs` of the JSON report (docs/output.md). */
export interface ReportGraphs {
  readonly network: NetworkGraph;
  readonly attackPaths: AttackGraph;
}

/** The network and attack-path graphs of a scanned inventory, with the scan's settings. Pure. */
export function reportGraphs(inventory: Inventory, settings: Settings): ReportGraphs {
  return { network: networkGraph(inventory, settings), attackPaths: attackGraph(inventory, settings) };
}
