import { containersOf } from '../model/containers.ts';
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

/**
 * Groups the inventory's workloads, and the pods operators create from its custom resources (see
 * podWorkloads), into {@link PodClass}es. `keepIps` keeps pod addresses in the
 * class (only needed when ipBlocks are taken to match pod addresses). `extra` workloads (pods the
 * input does not hold, see NetpolOptions.extraWorkloads) are classed after them.
 */
export function podClassesOf(
  inventory: Inventory,
  keepIps: boolean,
  extra: readonly Workload[] = [],
): PodClasses {
  const byKey = new Map<string, { readonly podClass: PodClass; readonly workloads: Workload[] }>();
  const classes: PodClass[] = [];
  const classOf = new Map<Workload, PodClass>();
  const namedPortIds = new Map<string, number>();
  for (const workload of [...podWorkloads(inventory), ...extra]) {
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
    let entry = byKey.get(key);
    if (!entry) {
      const workloads: Workload[] = [];
      const podClass: PodClass = {
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
        workloads,
      };
      classes.push(podClass);
      byKey.set(key, (entry = { podClass, workloads }));
    }
    entry.workloads.push(workload);
    classOf.set(workload, entry.podClass);
  }
  return { classes, classOf };
}
