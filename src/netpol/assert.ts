import { ofKind, namespaceOf } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import { labelsOf, mapSelectorMatches } from '../model/label-selector.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { Endpoint, NetpolModel } from './engine.ts';
import type { Assertion, AssertionTarget } from './netassert.ts';
import type { PodClass } from './pods.ts';
import { addressEndpoint, findWorkloads, isAllowed, workloadEndpoint } from './query.ts';

/** Names with a well-known address that no DNS lookup is needed for. */
const KNOWN_HOSTS: Readonly<Record<string, string>> = {
  'metadata.google.internal': '169.254.169.254',
  'metadata.google.internal.': '169.254.169.254',
};

/** The outcome of one assertion. */
export interface AssertionResult {
  readonly assertion: Assertion;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly reason: string;
}

/** A destination reached on one pod port, after Service and named-port resolution. */
export interface Destination {
  readonly endpoint: Endpoint;
  readonly port: number | undefined;
  readonly label: string;
}

const CLUSTER_SUFFIXES = ['', 'svc', 'svc.cluster.local'];

function serviceNamed(inventory: Inventory, namespace: string, name: string): Resource | undefined {
  return ofKind(inventory, 'Service').find(
    (service) => service.name === name && namespaceOf(inventory, service) === namespace,
  );
}

/** Service port → targetPort → the pods its selector picks; undefined port: the Service has no such port. */
function serviceDestinations(
  model: NetpolModel,
  service: Resource,
  namespace: string,
  assertion: Assertion,
): Destination[] | string {
  const spec = isRecord(service.object.spec) ? service.object.spec : {};
  const selector = labelsOf(spec.selector);
  if (Object.keys(selector).length === 0) return `Service ${namespace}/${service.name} has no selector`;
  const classes = model.pods.classes.filter(
    (podClass) => podClass.namespace === namespace && mapSelectorMatches(selector, podClass.labels),
  );
  if (classes.length === 0) return `Service ${namespace}/${service.name} selects no pod`;
  const ports = Array.isArray(spec.ports) ? (spec.ports as unknown[]).filter(isRecord) : [];
  const servicePort = ports.find(
    (port) => port.port === assertion.port && (port.protocol ?? 'TCP') === assertion.protocol,
  );
  return classes.map((podClass: PodClass): Destination => {
    const target = servicePort?.targetPort ?? servicePort?.port;
    const port =
      servicePort === undefined
        ? undefined
        : typeof target === 'number'
          ? target
          : podClass.namedPorts.find(
              (named) => named.name === target && named.protocol === assertion.protocol,
            )?.port;
    return {
      endpoint: { type: 'pods', podClass },
      port,
      label: podClass.workloads.map((w) => w.resource.name).join(','),
    };
  });
}

function resolveTarget(
  model: NetpolModel,
  inventory: Inventory,
  target: AssertionTarget,
  assertion: Assertion,
  sourceNamespace: string,
): Destination[] | string | { skip: string } {
  if (target.type === 'workload') {
    const workloads = findWorkloads(
      model,
      `${target.kind ?? ''}/${target.namespace}/${target.name}`.replace(/^\//, ''),
    );
    const found =
      workloads.length > 0 ? workloads : findWorkloads(model, `${target.namespace}/${target.name}`);
    if (found.length === 0) return `no workload ${target.namespace}/${target.name}`;
    return found.flatMap((workload) => {
      const endpoint = workloadEndpoint(model, workload);
      return endpoint ? [{ endpoint, port: assertion.port, label: workload.resource.name }] : [];
    });
  }
  const name = KNOWN_HOSTS[target.name] ?? target.name;
  const address = addressEndpoint(name);
  if (address) return [{ endpoint: address, port: assertion.port, label: name }];
  const [service = '', namespace, ...rest] = name.split('.');
  const suffix = rest.join('.');
  if (CLUSTER_SUFFIXES.includes(suffix)) {
    const serviceNamespace = namespace ?? sourceNamespace;
    const found = serviceNamed(inventory, serviceNamespace, service);
    if (found) return serviceDestinations(model, found, serviceNamespace, assertion);
    if (namespace === undefined) return `no Service ${service} in namespace ${serviceNamespace}`;
  }
  return { skip: `${target.name} is not a Service of the manifests and cannot be resolved statically` };
}

/** Concrete ends of an assertion: source endpoints and destinations with their pod port. */
export interface AssertionEnds {
  readonly sources: readonly { readonly endpoint: Endpoint; readonly label: string }[];
  readonly destinations: readonly Destination[];
}

/**
 * Resolves an assertion to endpoints: the source workload's pod classes (or a host address), the
 * destination workload, address, or a Service's endpoint pods with port → targetPort resolved.
 * A string is why it fails; `{skip}` why it cannot be decided statically.
 */
export function assertionEnds(
  model: NetpolModel,
  inventory: Inventory,
  assertion: Assertion,
): AssertionEnds | string | { skip: string } {
  let sources: { endpoint: Endpoint; label: string }[];
  let sourceNamespace = 'default';
  if (assertion.source.type === 'host') {
    const address = addressEndpoint(assertion.source.name);
    if (!address)
      return { skip: `host ${assertion.source.name} has no known address; hosts are outside NetworkPolicy` };
    sources = [{ endpoint: address, label: assertion.source.name }];
  } else {
    const { kind, namespace, name } = assertion.source;
    sourceNamespace = namespace;
    const byKind = findWorkloads(model, `${kind ?? ''}/${namespace}/${name}`.replace(/^\//, ''));
    const workloads = byKind.length > 0 ? byKind : findWorkloads(model, `${namespace}/${name}`);
    if (workloads.length === 0) return `no workload ${namespace}/${name} in the manifests`;
    sources = workloads.flatMap((workload) => {
      const endpoint = workloadEndpoint(model, workload);
      return endpoint ? [{ endpoint, label: workload.resource.name }] : [];
    });
  }
  const destinations = resolveTarget(model, inventory, assertion.target, assertion, sourceNamespace);
  if (typeof destinations === 'string' || !Array.isArray(destinations)) return destinations;
  return { sources, destinations };
}

/**
 * Evaluates netassert assertions against the manifests: every pod class of the source against every
 * destination (all endpoint pods of a Service); mixed answers fail. A Service port the Service does
 * not define counts as closed. Host sources are outside NetworkPolicy unless given as an address.
 */
export function evaluateAssertions(
  model: NetpolModel,
  inventory: Inventory,
  assertions: readonly Assertion[],
): AssertionResult[] {
  return assertions.map((assertion): AssertionResult => {
    const result = (status: AssertionResult['status'], reason: string): AssertionResult => ({
      assertion,
      status,
      reason,
    });
    const ends = assertionEnds(model, inventory, assertion);
    if (typeof ends === 'string') return result('fail', ends);
    if (!('sources' in ends)) return result('skip', ends.skip);
    const outcomes: string[] = [];
    let open = 0;
    let closed = 0;
    for (const source of ends.sources) {
      for (const destination of ends.destinations) {
        const allowed =
          destination.port !== undefined &&
          isAllowed(model, source.endpoint, destination.endpoint, assertion.protocol, destination.port);
        if (allowed) open++;
        else closed++;
        outcomes.push(
          `${source.label} -> ${destination.label}:${destination.port ?? 'no such port'} ${allowed ? 'open' : 'closed'}`,
        );
      }
    }
    if (open > 0 && closed > 0) return result('fail', `mixed: ${outcomes.join('; ')}`);
    const isOpen = open > 0;
    return isOpen === assertion.expectOpen
      ? result('pass', outcomes.join('; '))
      : result(
          'fail',
          `expected ${assertion.expectOpen ? 'open' : 'closed'}, policy makes it ${isOpen ? 'open' : 'closed'}: ${outcomes.join('; ')}`,
        );
  });
}
