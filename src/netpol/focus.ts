import type { Connection, ConnectionList } from './connections.ts';
import { mergedRuns } from './connections.ts';
import type { Endpoint, NetpolModel } from './engine.ts';
import { allowedPorts } from './engine.ts';
import type { Probe } from './explain.ts';
import type { IpRange } from './ip.ts';
import { formatRange } from './ip.ts';
import type { Direction } from './policy.ts';
import type { PodClass } from './pods.ts';
import type { PortSet } from './ports.ts';
import { formatPorts, intersectPorts, isEmptyPorts, portRange } from './ports.ts';
import { workloadName } from './query.ts';

/** One end a focus names: some workloads of one pod class, or a range of addresses. */
export type FocusTarget =
  | { readonly type: 'workloads'; readonly podClass: PodClass; readonly names: readonly string[] }
  | { readonly type: 'addresses'; readonly range: IpRange };

/**
 * What `--focus-workload`, `--focus-peer` and `--direction` keep: connections with `workload` at one
 * end (or `peer` when no workload is given), whose other end is `peer` when both are given, flowing
 * into the focused end (`ingress`) or out of it (`egress`), or both ways.
 */
export interface Focus {
  readonly workload?: FocusTarget | undefined;
  readonly peer?: FocusTarget | undefined;
  readonly direction?: Direction | undefined;
}

/** The peers of the focused end in one direction: pod classes, then address pieces in address order. */
export interface FocusSide {
  /** The flow relative to `center`: into it (`ingress`) or out of it (`egress`). */
  readonly direction: Direction;
  /** The flow relative to the focused end (differs from `direction` when that end is an address range). */
  readonly focusDirection: Direction;
  readonly center: FocusTarget;
  readonly classes: readonly FocusTarget[];
  readonly addresses: readonly IpRange[];
}

/** The endpoint of a target, for the engine. */
export function targetEndpoint(target: FocusTarget): Endpoint {
  return target.type === 'workloads'
    ? { type: 'pods', podClass: target.podClass }
    : { type: 'ip', range: target.range };
}

function clip(atoms: readonly IpRange[], range: IpRange): IpRange[] {
  const out: IpRange[] = [];
  for (const atom of atoms) {
    if (atom.family !== range.family || atom.last < range.first || atom.first > range.last) continue;
    out.push({
      family: atom.family,
      first: atom.first > range.first ? atom.first : range.first,
      last: atom.last < range.last ? atom.last : range.last,
    });
  }
  return out;
}

/**
 * The pairs a focus keeps, one side per direction. Only the focused end's row or column is asked of
 * the engine: its pod classes and the address atoms (clipped to a focused range), never the whole matrix.
 */
export function focusSides(model: NetpolModel, focus: Focus): FocusSide[] {
  const center = focus.workload ?? focus.peer;
  if (!center) return [];
  const directions: Direction[] = focus.direction ? [focus.direction] : ['egress', 'ingress'];
  const allClasses: FocusTarget[] = model.pods.classes.map((podClass) => ({
    type: 'workloads',
    podClass,
    names: podClass.workloads.map(workloadName),
  }));
  if (center.type === 'addresses') {
    // An address range alone: each pod class against the range's pieces, the flow seen from the class.
    const pieces = clip(model.atoms, center.range);
    return allClasses.flatMap((podClass) =>
      directions.map((focusDirection) => ({
        direction: focusDirection === 'ingress' ? 'egress' : 'ingress',
        focusDirection,
        center: podClass,
        classes: [],
        addresses: pieces,
      })),
    );
  }
  const other = focus.workload ? focus.peer : undefined;
  const classes = other === undefined ? allClasses : other.type === 'workloads' ? [other] : [];
  const addresses =
    other === undefined ? model.atoms : other.type === 'addresses' ? clip(model.atoms, other.range) : [];
  return directions.map((direction) => ({
    direction,
    focusDirection: direction,
    center,
    classes,
    addresses,
  }));
}

/** The ports of one pair of a side, narrowed to the probe's port. */
function portsOf(
  model: NetpolModel,
  direction: Direction,
  center: Endpoint,
  peer: Endpoint,
  probe: Probe | undefined,
): PortSet {
  const ports =
    direction === 'egress' ? allowedPorts(model, center, peer) : allowedPorts(model, peer, center);
  return probe ? intersectPorts(ports, portRange(probe.protocol, probe.port, probe.port)) : ports;
}

function namesOf(target: FocusTarget): readonly string[] {
  return target.type === 'workloads' ? target.names : [formatRange(target.range)];
}

/**
 * The connections a focus keeps, as `matrix` lists them (adjacent address ranges with equal ports
 * merged), computed pair by pair for the focused end only. With a probe, only pairs allowed on that
 * port, and their ports narrowed to it. `namespace` keeps pairs with a workload of it at one end.
 */
export function focusedConnections(
  model: NetpolModel,
  focus: Focus,
  probe?: Probe,
  namespace?: string,
): ConnectionList {
  const connections = new Map<string, Connection>();
  const external = new Set<string>();
  const workloads = new Set<string>();
  const inNamespace = (target: FocusTarget): boolean =>
    namespace === undefined || (target.type === 'workloads' && target.podClass.namespace === namespace);
  const push = (
    direction: Direction,
    center: readonly string[],
    peer: readonly string[],
    ports: string,
  ): void => {
    for (const a of center)
      for (const b of peer) {
        const [source, destination] = direction === 'egress' ? [a, b] : [b, a];
        connections.set(`${source}\u0000${destination}`, { source, destination, ports });
      }
  };
  for (const side of focusSides(model, focus)) {
    const center = targetEndpoint(side.center);
    const centerNames = namesOf(side.center);
    for (const name of side.center.type === 'workloads' ? centerNames : []) workloads.add(name);
    for (const peer of side.classes) {
      if (!inNamespace(side.center) && !inNamespace(peer)) continue;
      for (const name of namesOf(peer)) workloads.add(name);
      const ports = portsOf(model, side.direction, center, targetEndpoint(peer), probe);
      if (!isEmptyPorts(ports)) push(side.direction, centerNames, namesOf(peer), formatPorts(ports));
    }
    if (!inNamespace(side.center)) continue;
    const texts = new Map<string, number>([['none', 0]]);
    const answers = side.addresses.map((range) => {
      const text = formatPorts(portsOf(model, side.direction, center, { type: 'ip', range }, probe));
      let id = texts.get(text);
      if (id === undefined) texts.set(text, (id = texts.size));
      return { id, text };
    });
    for (const run of mergedRuns(side.addresses, (a) => answers[a]?.id ?? 0)) {
      const range = formatRange(run.range);
      external.add(range);
      const text = [...texts].find(([, id]) => id === run.id)?.[0] ?? 'none';
      push(side.direction, centerNames, [range], text);
    }
  }
  const list = [...connections.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination),
  );
  return { workloads: [...workloads].sort(), external: [...external], connections: list };
}
