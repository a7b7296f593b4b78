import type { Workload } from '../model/workload.ts';
import type { IpRange } from './ip.ts';
import { formatRange } from './ip.ts';
import type { ReachabilityMatrix } from './matrix.ts';
import type { PodClass } from './pods.ts';
import type { PortSet } from './ports.ts';
import { formatPorts, intersectPorts } from './ports.ts';
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

/** A maximal span of adjacent address atoms with one answer (a port-set id other than none). */
export interface AddressRun {
  readonly range: IpRange;
  readonly id: number;
}

function compareRanges(a: IpRange, b: IpRange): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

/**
 * Merges adjacent atoms (sorted, each family's space covered without gaps) whose answer `idOf(a)` is
 * equal into one range, leaving out those answering none (0): 10.0.0.0/25 and 10.0.0.128/25 with the
 * same ports become 10.0.0.0/24, and a span that is no single CIDR is one range all the same.
 */
export function mergedRuns(atoms: readonly IpRange[], idOf: (atom: number) => number): AddressRun[] {
  const runs: AddressRun[] = [];
  let current: { family: IpRange['family']; first: bigint; last: bigint; id: number } | undefined;
  atoms.forEach((atom, a) => {
    const id = idOf(a);
    if (current && current.id === id && current.family === atom.family && current.last + 1n === atom.first) {
      current.last = atom.last;
      return;
    }
    if (current && current.id !== 0)
      runs.push({
        range: { family: current.family, first: current.first, last: current.last },
        id: current.id,
      });
    current = { family: atom.family, first: atom.first, last: atom.last, id };
  });
  if (current && current.id !== 0)
    runs.push({
      range: { family: current.family, first: current.first, last: current.last },
      id: current.id,
    });
  return runs;
}

/** Port-set ids mapped to ids of their answers narrowed to `only` (0: none), with each id's text. */
function narrowedIds(
  sets: readonly PortSet[],
  only: PortSet | undefined,
): { id: (id: number) => number; text: (id: number) => string } {
  const texts = sets.map((set) => formatPorts(only ? intersectPorts(set, only) : set));
  const first = new Map<string, number>();
  const ids = texts.map((text, id) => {
    if (text === 'none') return 0;
    const known = first.get(text);
    if (known !== undefined) return known;
    first.set(text, id);
    return id;
  });
  return { id: (id) => ids[id] ?? 0, text: (id) => texts[id] ?? 'none' };
}

/**
 * Expands class cells to workload pairs (every workload of the source class to every workload of
 * the destination class, a workload to itself meaning its other replicas) and address atoms to
 * ranges, adjacent atoms with equal ports merged into one range (see {@link mergedRuns}): a CIDR when
 * the span is one, else `first-last`; sorted by source then destination. `namespace` keeps pairs with an end in it.
 * `only` narrows every answer to those ports (`--port`): pairs allowed none of them are left out.
 */
export function connectionList(
  matrix: ReachabilityMatrix,
  namespace?: string,
  only?: PortSet,
): ConnectionList {
  const { model } = matrix;
  const { id: idOf, text: textOf } = narrowedIds(matrix.portSets, only);
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
      const id = idOf(matrix.classToClass[s * n + d] ?? 0);
      if (id === 0) continue;
      const ports = textOf(id);
      for (const from of names(source))
        for (const to of names(destination)) connections.push({ source: from, destination: to, ports });
    }
  }
  const external = new Map<string, IpRange>();
  for (let c = 0; c < n; c++) {
    const podClass = classes[c] as PodClass;
    if (!keep(podClass)) continue;
    const into = mergedRuns(model.atoms, (a) => idOf(matrix.atomToClass[a * n + c] ?? 0));
    const out = mergedRuns(model.atoms, (a) => idOf(matrix.classToAtom[c * model.atoms.length + a] ?? 0));
    for (const [runs, inbound] of [
      [into, true],
      [out, false],
    ] as const)
      for (const run of runs) {
        const range = formatRange(run.range);
        external.set(range, run.range);
        const ports = textOf(run.id);
        for (const name of names(podClass))
          connections.push(
            inbound
              ? { source: range, destination: name, ports }
              : { source: name, destination: range, ports },
          );
      }
  }
  connections.sort((a, b) => a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination));
  const workloads = classes.filter(keep).flatMap(names).sort();
  const ranges = [...external].sort(([, a], [, b]) => compareRanges(a, b)).map(([text]) => text);
  return { workloads, external: ranges, connections };
}
