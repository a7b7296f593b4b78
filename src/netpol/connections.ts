import type { Workload } from '../model/workload.ts';
import { formatRange } from './ip.ts';
import type { ReachabilityMatrix } from './matrix.ts';
import type { PodClass } from './pods.ts';
import { formatPorts } from './ports.ts';
import { workloadName } from './query.ts';

/** One allowed connection of the matrix, workload or address range on each end. */
export interface Connection {
  readonly source: string;
  readonly destination: string;
  /** `TCP:80,443 UDP:53`, or `all`. */
  readonly ports: string;
}

/** The matrix expanded to workload names and address ranges; only pairs with some allowed port. */
export interface ConnectionList {
  readonly workloads: readonly string[];
  readonly external: readonly string[];
  readonly connections: readonly Connection[];
}

/**
 * Expands class cells to workload pairs (every workload of the source class to every workload of
 * the destination class, a workload to itself meaning its other replicas) and address atoms to
 * ranges; sorted by source then destination. `namespace` keeps pairs with an end in it.
 */
export function connectionList(matrix: ReachabilityMatrix, namespace?: string): ConnectionList {
  const { model } = matrix;
  const classes = model.pods.classes;
  const n = classes.length;
  const names = (podClass: PodClass): string[] =>
    podClass.workloads.map((workload: Workload) => workloadName(workload));
  const keep = (podClass: PodClass | undefined): boolean =>
    namespace === undefined || podClass?.namespace === namespace;
  const connections: Connection[] = [];
  for (let s = 0; s < n; s++) {
    const source = classes[s] as PodClass;
    for (let d = 0; d < n; d++) {
      const destination = classes[d] as PodClass;
      if (!keep(source) && !keep(destination)) continue;
      const id = matrix.classToClass[s * n + d] ?? 0;
      if (id === 0) continue;
      const ports = formatPorts(matrix.portSets[id] ?? { TCP: [], UDP: [], SCTP: [] });
      for (const from of names(source))
        for (const to of names(destination)) connections.push({ source: from, destination: to, ports });
    }
  }
  const external = model.atoms.map(formatRange);
  model.atoms.forEach((_, a) => {
    for (let c = 0; c < n; c++) {
      const podClass = classes[c] as PodClass;
      if (!keep(podClass)) continue;
      const into = matrix.atomToClass[a * n + c] ?? 0;
      const out = matrix.classToAtom[c * model.atoms.length + a] ?? 0;
      const atom = external[a] ?? '';
      if (into !== 0)
        for (const name of names(podClass))
          connections.push({
            source: atom,
            destination: name,
            ports: formatPorts(matrix.portSets[into] ?? { TCP: [], UDP: [], SCTP: [] }),
          });
      if (out !== 0)
        for (const name of names(podClass))
          connections.push({
            source: name,
            destination: atom,
            ports: formatPorts(matrix.portSets[out] ?? { TCP: [], UDP: [], SCTP: [] }),
          });
    }
  });
  connections.sort((a, b) => a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination));
  const workloads = classes.filter(keep).flatMap(names).sort();
  return { workloads, external, connections };
}
