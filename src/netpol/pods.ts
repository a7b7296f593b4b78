import { containersOf } from '../model/containers.ts';
import { derivation, derived } from '../model/derived.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Labels } from '../model/label-selector.ts';
import { labelsOf } from '../model/label-selector.ts';
import { NAMESPACE_NAME_LABEL } from '../model/namespace.ts';
import { podWorkloads } from '../model/operators/operator-pods.ts';
import { isRecord } from '../model/path.ts';
import type { Workload } from '../model/workload.ts';
import type { IpRange } from './ip.ts';
import { singleIp } from './ip.ts';
import type { Protocol } from './ports.ts';
import { isProtocol } from './ports.ts';

/** A container port a named policy port can resolve to. */
export interface NamedPort {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
}

/**
 * Pods that no NetworkPolicy can tell apart: same namespace (and so namespace labels), same labels,
 * same named container ports, same hostNetwork flag and, when ipBlocks match pods, same addresses.
 * Every workload belongs to exactly one class.
 */
export interface PodClass {
  readonly index: number;
  readonly namespace: string;
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  /** The labels in a canonical text: classes with equal keys carry equal labels. */
  readonly labelsKey: string;
  readonly namedPorts: readonly NamedPort[];
  /** Index of this class's named-port signature: classes with equal indexes resolve names alike. */
  readonly namedPortsId: number;
  readonly hostNetwork: boolean;
  /**
   * A hostNetwork DaemonSet: it runs on every node, so one of its pods shares a node with any
   * destination, and traffic from a pod's own node is never blocked by ingress isolation.
   */
  readonly nodeLocal: boolean;
  /** A hostNetwork pod's `spec.nodeSelector` (the nodes it may run on; empty: any node). */
  readonly nodeSelector: Labels;
  /** Addresses from a Pod's `status.podIPs`/`podIP`, when known. */
  readonly ips: readonly IpRange[];
  readonly workloads: readonly Workload[];
}

/** Every workload grouped into classes, with each workload's class. */
export interface PodClasses {
  readonly classes: readonly PodClass[];
  readonly classOf: ReadonlyMap<Workload, PodClass>;
  /** The classes carrying each label, in class order, by {@link labelPairKey} (see {@link classesLabelled}). */
  readonly byLabel: ReadonlyMap<string, readonly PodClass[]>;
}

/** The key of {@link PodClasses.byLabel}: a label `key=value` of the pods of `namespace`. */
export function labelPairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\0${key}\0${value}`;
}

/** The classes of `namespace` whose pods carry the label `key=value`, in class order. */
export function classesLabelled(
  pods: PodClasses,
  namespace: string,
  key: string,
  value: string,
): readonly PodClass[] {
  return pods.byLabel.get(labelPairKey(namespace, key, value)) ?? [];
}

/** The container ports of a pod spec that carry a name (init, regular and ephemeral containers). */
function namedPortsOf(workload: Workload): NamedPort[] {
  const ports: NamedPort[] = [];
  for (const { container } of containersOf(workload.podSpec)) {
    if (!Array.isArray(container.ports)) continue;
    for (const port of container.ports as unknown[]) {
      if (!isRecord(port) || typeof port.name !== 'string' || typeof port.containerPort !== 'number')
        continue;
      const protocol = port.protocol ?? 'TCP';
      if (!isProtocol(protocol)) continue;
      ports.push({ name: port.name, protocol, port: port.containerPort });
    }
  }
  return ports.length < 2 ? ports : ports.sort(compareNamedPorts);
}

function compareNamedPorts(a: NamedPort, b: NamedPort): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  return a.port - b.port;
}

/** The pod addresses a Pod manifest records in its status (other kinds have none). */
function podIpsOf(workload: Workload): IpRange[] {
  if (workload.resource.kind !== 'Pod') return [];
  const status = workload.resource.object.status;
  if (!isRecord(status)) return [];
  const texts = new Set<string>();
  if (typeof status.podIP === 'string') texts.add(status.podIP);
  if (Array.isArray(status.podIPs))
    for (const entry of status.podIPs as unknown[])
      if (isRecord(entry) && typeof entry.ip === 'string') texts.add(entry.ip);
  return [...texts].flatMap((text) => singleIp(text) ?? []);
}

/** Whether the pod shares the node's network namespace (policies do not apply to it). */
function isHostNetwork(workload: Workload): boolean {
  return workload.podSpec.hostNetwork === true;
}

function sortedLabelKey(labels: Labels): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key]]),
  );
}

/** The classes of a grouping, with the indexes the next workload is keyed against. */
interface Grouping extends PodClasses {
  readonly classes: PodClass[];
  readonly classOf: Map<Workload, PodClass>;
  /** Class index by class key (see {@link classKey}). */
  readonly byKey: Map<string, number>;
  /** Named-port signature index by signature. */
  readonly namedPortIds: Map<string, number>;
  readonly byLabel: Map<string, PodClass[]>;
}

/**
 * Files `podClass` under each of its labels in `byLabel`, in place of `replaced` (the class it
 * copies) or after the classes already there. The lists of `base` (another grouping's) are copied
 * before they change.
 */
function fileByLabel(
  byLabel: Map<string, PodClass[]>,
  podClass: PodClass,
  replaced: PodClass | undefined,
  base: ReadonlyMap<string, readonly PodClass[]> | undefined,
): void {
  for (const key in podClass.labels) {
    const pair = labelPairKey(podClass.namespace, key, podClass.labels[key] ?? '');
    let list = byLabel.get(pair);
    if (list && base?.get(pair) === list) byLabel.set(pair, (list = [...list]));
    if (!list) byLabel.set(pair, [podClass]);
    else if (replaced) list[list.indexOf(replaced)] = podClass;
    else list.push(podClass);
  }
}

/**
 * Adds workloads to a grouping. A class or label list of `base` (the grouping this one copies) is
 * copied before it changes, so that grouping never does.
 */
function addWorkloads(
  grouping: Grouping,
  inventory: Inventory,
  keepIps: boolean,
  workloads: readonly Workload[],
  base?: Grouping,
): void {
  const { classes, classOf, byKey, namedPortIds, byLabel } = grouping;
  for (const workload of workloads) {
    const labels = labelsOf(workload.podMetadata.labels);
    const labelsKey = sortedLabelKey(labels);
    const namedPorts = namedPortsOf(workload);
    const hostNetwork = isHostNetwork(workload);
    const nodeLocal = hostNetwork && workload.resource.kind === 'DaemonSet';
    const nodeSelector = hostNetwork ? labelsOf(workload.podSpec.nodeSelector) : {};
    const ips = keepIps ? podIpsOf(workload) : [];
    const portsKey = JSON.stringify(namedPorts);
    let namedPortsId = namedPortIds.get(portsKey);
    if (namedPortsId === undefined) namedPortIds.set(portsKey, (namedPortsId = namedPortIds.size));
    const addresses = ips.map((ip) => `${ip.family}:${String(ip.first)}`).join(',');
    const key = `${workload.namespace}\u0000${labelsKey}\u0000${String(namedPortsId)}\u0000${String(hostNetwork)}\u0000${String(nodeLocal)}\u0000${sortedLabelKey(nodeSelector)}\u0000${addresses}`;
    const index = byKey.get(key);
    let podClass = index === undefined ? undefined : classes[index];
    if (!podClass) {
      podClass = {
        index: classes.length,
        namespace: workload.namespace,
        namespaceLabels: inventory.namespaces.get(workload.namespace)?.labels ?? {
          [NAMESPACE_NAME_LABEL]: workload.namespace,
        },
        labels,
        labelsKey,
        namedPorts,
        namedPortsId,
        hostNetwork,
        nodeLocal,
        nodeSelector,
        ips,
        workloads: [workload],
      };
      byKey.set(key, classes.length);
      classes.push(podClass);
      fileByLabel(byLabel, podClass, undefined, base?.byLabel);
    } else if (base?.classes[podClass.index] === podClass) {
      const copied = podClass;
      podClass = { ...podClass, workloads: [...podClass.workloads, workload] };
      classes[podClass.index] = podClass;
      for (const member of podClass.workloads) classOf.set(member, podClass);
      fileByLabel(byLabel, podClass, copied, base.byLabel);
    } else (podClass.workloads as Workload[]).push(workload);
    classOf.set(workload, podClass);
  }
}

function inputClasses(inventory: Inventory, keepIps: boolean): Grouping {
  const grouping: Grouping = {
    classes: [],
    classOf: new Map(),
    byKey: new Map(),
    namedPortIds: new Map(),
    byLabel: new Map(),
  };
  addWorkloads(grouping, inventory, keepIps, podWorkloads(inventory));
  return grouping;
}

/** The input's pod classes, grouped once per inventory (with or without pod addresses). */
const INPUT_CLASSES = {
  withIps: derivation('PodClasses (with addresses)', (inventory) => inputClasses(inventory, true)),
  withoutIps: derivation('PodClasses', (inventory) => inputClasses(inventory, false)),
};

/**
 * Groups the inventory's workloads, and the pods operators create from its custom resources (see
 * podWorkloads), into {@link PodClass}es. `keepIps` keeps pod addresses in the
 * class (only needed when ipBlocks are taken to match pod addresses). `extra` workloads (pods the
 * input does not hold, see NetpolOptions.extraWorkloads) are classed after them, in a copy: the
 * input's own classes are grouped once per inventory.
 */
export function podClassesOf(
  inventory: Inventory,
  keepIps: boolean,
  extra: readonly Workload[] = [],
): PodClasses {
  const input = derived(inventory, keepIps ? INPUT_CLASSES.withIps : INPUT_CLASSES.withoutIps);
  if (extra.length === 0) return { classes: input.classes, classOf: input.classOf, byLabel: input.byLabel };
  const grouping: Grouping = {
    classes: [...input.classes],
    classOf: new Map(input.classOf),
    byKey: new Map(input.byKey),
    namedPortIds: new Map(input.namedPortIds),
    byLabel: new Map(input.byLabel),
  };
  addWorkloads(grouping, inventory, keepIps, extra, input);
  return { classes: grouping.classes, classOf: grouping.classOf, byLabel: grouping.byLabel };
}
