import type { Workload } from '../model/workload.ts';
import type { Endpoint, NetpolModel } from './engine.ts';
import { allowedPorts } from './engine.ts';
import { isModelled } from './ingress/modelled-pod.ts';
import { singleIp } from './ip.ts';
import type { Protocol } from './ports.ts';
import { hasPort } from './ports.ts';

/**
 * `kind/namespace/name`, lower-case kind: the name a workload has in matrices and explanations; a
 * modelled pod (`{ingress-controller}`) goes by its name.
 */
export function workloadName(workload: Workload): string {
  if (isModelled(workload)) return workload.resource.name;
  return `${workload.resource.kind.toLowerCase()}/${workload.namespace}/${workload.resource.name}`;
}

/**
 * Finds workloads by `namespace/name`, `kind/namespace/name` or `name` (namespace `default`).
 * Several kinds may share a name: all of them are returned.
 */
export function findWorkloads(model: NetpolModel, reference: string): Workload[] {
  const parts = reference.split('/');
  const [kind, namespace, name] =
    parts.length >= 3
      ? [parts[0], parts[1], parts.slice(2).join('/')]
      : parts.length === 2
        ? [undefined, parts[0], parts[1]]
        : [undefined, 'default', parts[0]];
  const found: Workload[] = [];
  for (const podClass of model.pods.classes) {
    for (const workload of podClass.workloads) {
      if (workload.namespace !== namespace || workload.resource.name !== name) continue;
      if (kind !== undefined && workload.resource.kind.toLowerCase() !== kind.toLowerCase()) continue;
      found.push(workload);
    }
  }
  return found;
}

/** The endpoint of a workload (its pod class). Undefined when the workload is not in the model. */
export function workloadEndpoint(model: NetpolModel, workload: Workload): Endpoint | undefined {
  const podClass = model.pods.classOf.get(workload);
  return podClass && { type: 'pods', podClass };
}

/** The endpoint of one address outside every pod class; undefined when it is not an address. */
export function addressEndpoint(address: string): Endpoint | undefined {
  const range = singleIp(address);
  return range && { type: 'ip', range };
}

/** Whether policy allows a connection on one port and protocol. */
export function isAllowed(
  model: NetpolModel,
  source: Endpoint,
  destination: Endpoint,
  protocol: Protocol,
  port: number,
): boolean {
  return hasPort(allowedPorts(model, source, destination), protocol, port);
}
