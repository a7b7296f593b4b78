import type { Inventory } from '../../model/inventory.ts';
import { find } from '../../model/inventory.ts';
import type { Labels } from '../../model/label-selector.ts';
import { labelsOf, mapSelectorMatches } from '../../model/label-selector.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import type { NetpolModel } from '../engine.ts';
import type { PodClass } from '../pods.ts';
import { classesLabelled } from '../pods.ts';
import { isModelled } from './modelled-pod.ts';
import type { BackendPort } from './routes.ts';

/** One Service port, as the route reached it. */
export interface ServicePort {
  readonly path: FieldPath;
  readonly port: number;
  readonly name: string | undefined;
  /** `spec.ports[].targetPort`: a number, a container port name, or (absent) the port itself. */
  readonly targetPort: number | string;
}

/** A class of pods behind the Service, and the container port the traffic lands on. */
export interface ServiceDestination {
  readonly podClass: PodClass;
  /** Undefined: the target port is a name none of these pods' containers declare (not an endpoint). */
  readonly port: number | undefined;
}

/** Where a backend's traffic goes, or why that cannot be known or goes nowhere. */
export type ServiceTarget =
  | { readonly type: 'not-evaluated'; readonly reason: string; readonly service: Resource | undefined }
  | { readonly type: 'selects-nothing'; readonly service: Resource; readonly selector: string }
  | { readonly type: 'port-missing'; readonly service: Resource; readonly ports: readonly string[] }
  | {
      readonly type: 'pods';
      readonly service: Resource;
      readonly servicePort: ServicePort;
      readonly destinations: readonly ServiceDestination[];
    };

/** The input's classes of `namespace` a non-empty `selector` selects, in class order (modelled pods left out). */
function selectedClasses(model: NetpolModel, namespace: string, selector: Labels): readonly PodClass[] {
  const [first] = Object.keys(selector);
  const candidates =
    first === undefined ? [] : classesLabelled(model.pods, namespace, first, selector[first] ?? '');
  return candidates.filter(
    (podClass) => mapSelectorMatches(selector, podClass.labels) && !podClass.workloads.every(isModelled),
  );
}

function portText(port: Mapping): string {
  const number = typeof port.port === 'number' ? String(port.port) : '?';
  const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
  return typeof port.name === 'string' && port.name !== ''
    ? `${number}/${protocol} (${port.name})`
    : `${number}/${protocol}`;
}

/**
 * Resolves a route's backend Service (core/v1 ServiceSpec, ServicePort): the TCP port named by
 * number or name, its `targetPort` (a number, or a container port name looked up in each selected
 * pod, or absent: the port itself), and the pods its `selector` picks in its namespace.
 * Not evaluated: a Service the input lacks, an ExternalName Service, and a Service without selector
 * (its endpoints are managed outside, by hand-written EndpointSlices).
 */
export function serviceTarget(
  inventory: Inventory,
  model: NetpolModel,
  namespace: string,
  name: string,
  port: BackendPort,
): ServiceTarget {
  const service = find(inventory, 'Service', namespace, name);
  if (!service || service.apiVersion !== 'v1')
    return {
      type: 'not-evaluated',
      reason: `Service ${namespace}/${name} is not in the input`,
      service: undefined,
    };
  const spec = isRecord(service.object.spec) ? service.object.spec : {};
  if (spec.type === 'ExternalName')
    return {
      type: 'not-evaluated',
      reason: `Service ${namespace}/${name} is an ExternalName Service (a DNS name, no pods)`,
      service,
    };
  const selector = labelsOf(spec.selector);
  if (Object.keys(selector).length === 0)
    return {
      type: 'not-evaluated',
      reason: `Service ${namespace}/${name} has no selector: its endpoints are managed outside (EndpointSlices)`,
      service,
    };
  const ports: readonly unknown[] = Array.isArray(spec.ports) ? spec.ports : [];
  const index = ports.findIndex(
    (entry) =>
      isRecord(entry) &&
      (entry.protocol ?? 'TCP') === 'TCP' &&
      (port.type === 'number'
        ? entry.port === port.number
        : port.type === 'name' && entry.name === port.name),
  );
  const entry = ports[index];
  if (!isRecord(entry))
    return {
      type: 'port-missing',
      service,
      ports: ports.flatMap((each) => (isRecord(each) ? [portText(each)] : [])),
    };
  const number = typeof entry.port === 'number' ? entry.port : 0;
  const target =
    typeof entry.targetPort === 'number' || (typeof entry.targetPort === 'string' && entry.targetPort !== '')
      ? entry.targetPort
      : number;
  const servicePort: ServicePort = {
    path: ['spec', 'ports', index],
    port: number,
    name: typeof entry.name === 'string' ? entry.name : undefined,
    targetPort: typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : target,
  };
  const classes = selectedClasses(model, namespace, selector);
  if (classes.length === 0)
    return {
      type: 'selects-nothing',
      service,
      selector: Object.entries(selector)
        .map(([key, value]) => `${key}=${value}`)
        .join(','),
    };
  return {
    type: 'pods',
    service,
    servicePort,
    destinations: classes.map((podClass) => ({
      podClass,
      port:
        typeof servicePort.targetPort === 'number'
          ? servicePort.targetPort
          : podClass.namedPorts.find(
              (named) => named.name === servicePort.targetPort && named.protocol === 'TCP',
            )?.port,
    })),
  };
}
