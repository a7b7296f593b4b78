import type { Inventory } from '../../model/inventory.ts';
import { find } from '../../model/inventory.ts';
import { isRecord } from '../../model/path.ts';
import { INGRESS_NGINX_CONTROLLER } from './controller.ts';
import type { Endpoint, NetpolModel } from '../engine.ts';
import { egressAllowed, ingressAllowed } from '../engine.ts';
import type { SideExplanation } from '../explain.ts';
import { explainConnection } from '../explain.ts';
import type { PodClass } from '../pods.ts';
import { hasPort } from '../ports.ts';
import { workloadName } from '../query.ts';
import { attachmentsOf, referenceGranted } from './gateways.ts';
import type { ControllerOptions, ControllerPeer } from './peers.ts';
import { gatewayPeerKey } from './peers.ts';
import type { Route, RouteBackend } from './routes.ts';
import type { ServiceTarget } from './services.ts';
import { serviceTarget } from './services.ts';

/** The pods behind a backend on one container port, and whether the controller's pods may connect. */
export interface DestinationReach {
  readonly workloads: readonly string[];
  /** The container port (TCP); undefined when the Service's named targetPort is none of these pods'. */
  readonly port: number | undefined;
  /** Undefined when there is no port to connect to. */
  readonly allowed: boolean | undefined;
  /** What decided, with the deciding policy or rule and where it is written (when allowed: computed on first read). */
  readonly reason: string;
  /** When denied: what denies, by name, without locations (`NetworkPolicy shop/default-deny`). */
  readonly blockedBy?: string | undefined;
}

/**
 * What happens to one backend's traffic from one controller:
 * - `allowed`, `blocked`, `partly blocked`: it reaches pods, and policy lets the controller in to all, none or some;
 * - `no traffic`: the route is not attached, the reference is not granted, the Service selects no
 *   pod, lacks the port, or its named targetPort is on none of its pods;
 * - `not evaluated`: what the backend is cannot be known from the input (see `problem`).
 */
export type ReachVerdict = 'allowed' | 'blocked' | 'partly blocked' | 'no traffic' | 'not evaluated';

/** Why a backend gets no traffic, for the checks that report it. */
export type ReachProblem =
  'detached' | 'not-granted' | 'selects-nothing' | 'port-missing' | 'target-port-undefined' | 'not-evaluated';

/** One row: route → backend → Service port → workloads, from one controller's pods. */
export interface RouteReach {
  readonly route: Route;
  readonly backend: RouteBackend;
  /** The pods that send the traffic; undefined when the route is attached to no Gateway. */
  readonly peer: ControllerPeer | undefined;
  readonly target: ServiceTarget | undefined;
  readonly verdict: ReachVerdict;
  readonly problem: ReachProblem | undefined;
  /** The problem in a sentence, or what was decided. */
  readonly detail: string;
  readonly destinations: readonly DestinationReach[];
}

function deciding(side: SideExplanation, allowed: boolean): string {
  if (allowed) {
    const rule = side.rules[0];
    if (rule) return `allowed by NetworkPolicy ${rule.policy} ${rule.rule} at ${rule.location}`;
    return side.decidedBy;
  }
  if (side.decidedBy === 'NetworkPolicies')
    return `denied: isolated by ${side.policies.map((policy) => `NetworkPolicy ${policy}`).join(', ')} and no rule admits it`;
  return `denied by ${side.decidedBy}`;
}

function policyNames(model: NetpolModel, direction: 'ingress' | 'egress', podClass: PodClass): string {
  return (model[direction][podClass.index]?.policies ?? [])
    .map((policy) => `${policy.namespace}/${policy.name}`)
    .join(', ');
}

function short(
  model: NetpolModel,
  side: SideExplanation,
  direction: 'ingress' | 'egress',
  podClass: PodClass,
): string {
  return side.decidedBy === 'NetworkPolicies'
    ? `NetworkPolicy ${policyNames(model, direction, podClass)} isolates them for ${direction} and no rule admits it`
    : side.decidedBy;
}

/** What admits the controller's pods of `source` on TCP `port` (from the explanation: only read when shown). */
function allowedReason(model: NetpolModel, source: PodClass, destination: PodClass, port: number): string {
  const explanation = explainConnection(
    model,
    { type: 'pods', podClass: source },
    { type: 'pods', podClass: destination },
    { protocol: 'TCP', port },
  );
  return [
    ...(explanation.egress.isolated ? [`egress ${deciding(explanation.egress, true)}`] : []),
    deciding(explanation.ingress, true),
  ].join('; ');
}

/**
 * Whether the controller's pods may open TCP `port` to the destination, and what decided. Denied:
 * the first source class denied, explained. Allowed: the reason is explained when first read.
 */
function destinationReach(
  model: NetpolModel,
  sources: readonly PodClass[],
  destination: PodClass,
  workloads: readonly string[],
  port: number,
): DestinationReach {
  const to: Endpoint = { type: 'pods', podClass: destination };
  for (const podClass of sources) {
    const from: Endpoint = { type: 'pods', podClass };
    const out = hasPort(egressAllowed(model, from, to), 'TCP', port);
    const into = hasPort(ingressAllowed(model, from, to), 'TCP', port);
    if (out && into) continue;
    const explanation = explainConnection(model, from, to, { protocol: 'TCP', port });
    return {
      workloads,
      port,
      allowed: false,
      reason: [
        ...(out ? [] : [`egress of the controller ${deciding(explanation.egress, false)}`]),
        ...(into ? [] : [deciding(explanation.ingress, false)]),
      ].join('; '),
      blockedBy: [
        ...(out ? [] : [`on the controller's side, ${short(model, explanation.egress, 'egress', podClass)}`]),
        ...(into ? [] : [short(model, explanation.ingress, 'ingress', destination)]),
      ].join(' and '),
    };
  }
  const [first] = sources;
  let reason: string | undefined;
  return {
    workloads,
    port,
    allowed: true,
    get reason(): string {
      return (reason ??= first ? allowedReason(model, first, destination, port) : '');
    },
  };
}

function classesOf(model: NetpolModel, peer: ControllerPeer): PodClass[] {
  const classes = new Set<PodClass>();
  for (const workload of peer.workloads) {
    const podClass = model.pods.classOf.get(workload);
    if (podClass) classes.add(podClass);
  }
  return [...classes];
}

function portText(backend: RouteBackend): string {
  return backend.port.type === 'number'
    ? `port ${backend.port.number}`
    : backend.port.type === 'name'
      ? `port "${backend.port.name}"`
      : 'no port';
}

/** A backend's row once it is known which controller sends to it. */
function backendReach(
  inventory: Inventory,
  model: NetpolModel,
  route: Route,
  backend: RouteBackend,
  peer: ControllerPeer | undefined,
): RouteReach {
  const row = { route, backend, peer, target: undefined, destinations: [] };
  const service = `${backend.namespace}/${backend.name}`;
  if (backend.group !== '' || backend.kind !== 'Service')
    return {
      ...row,
      verdict: 'not evaluated',
      problem: 'not-evaluated',
      detail: `the backend is a ${backend.group === '' ? '' : `${backend.group} `}${backend.kind}, not a Service`,
    };
  if (!referenceGranted(inventory, route, backend))
    return {
      ...row,
      verdict: 'no traffic',
      problem: 'not-granted',
      detail: `no ReferenceGrant in namespace ${backend.namespace} lets ${route.kind}s of namespace ${route.namespace} reference Service ${backend.name}`,
    };
  if (!peer)
    return {
      ...row,
      verdict: 'not evaluated',
      problem: 'not-evaluated',
      detail: 'no controller sends to it',
    };
  const target = serviceTarget(inventory, model, backend.namespace, backend.name, backend.port);
  switch (target.type) {
    case 'not-evaluated':
      return { ...row, target, verdict: 'not evaluated', problem: 'not-evaluated', detail: target.reason };
    case 'selects-nothing':
      return {
        ...row,
        target,
        verdict: 'no traffic',
        problem: 'selects-nothing',
        detail: `Service ${service} selects no pod (selector ${target.selector})`,
      };
    case 'port-missing':
      return {
        ...row,
        target,
        verdict: 'no traffic',
        problem: 'port-missing',
        detail: `Service ${service} has no TCP ${portText(backend)} (it exposes ${target.ports.length > 0 ? target.ports.join(', ') : 'no port'})`,
      };
    case 'pods':
      break;
  }
  const sources = classesOf(model, peer);
  const destinations = target.destinations.map(({ podClass, port }): DestinationReach => {
    const workloads = podClass.workloads.map(workloadName);
    if (port === undefined)
      return {
        workloads,
        port,
        allowed: undefined,
        reason: `no container port named "${String(target.servicePort.targetPort)}" (TCP): not an endpoint of the Service`,
      };
    return destinationReach(model, sources, podClass, workloads, port);
  });
  let decided = 0;
  let allowed = 0;
  for (const destination of destinations) {
    if (destination.allowed !== undefined) decided++;
    if (destination.allowed === true) allowed++;
  }
  if (decided === 0)
    return {
      ...row,
      target,
      destinations,
      verdict: 'no traffic',
      problem: 'target-port-undefined',
      detail: `Service ${service} port ${target.servicePort.port} targets container port "${String(target.servicePort.targetPort)}", which no pod it selects declares`,
    };
  const verdict = allowed === decided ? 'allowed' : allowed === 0 ? 'blocked' : 'partly blocked';
  return {
    ...row,
    target,
    destinations,
    verdict,
    problem: undefined,
    detail: `Service ${service} port ${target.servicePort.port} → ${decided} pod group(s), ${allowed} reachable`,
  };
}

/** The controller of ingress-nginx's IngressClass (kubernetes/ingress-nginx deploy.yaml: IngressClass nginx). */
const INGRESS_NGINX_CLASS_CONTROLLER = 'k8s.io/ingress-nginx';

/**
 * Why the default ingress controller (ingress-nginx's) does not serve an Ingress: its class
 * (`spec.ingressClassName`, else the `kubernetes.io/ingress.class` annotation) is an IngressClass of
 * the input whose `spec.controller` is another. Undefined when it may serve it, or when the
 * controller was given (it is then taken to serve every Ingress).
 */
function otherController(
  inventory: Inventory,
  route: Route,
  controllers: ControllerOptions,
): string | undefined {
  if (controllers.ingressController.text !== INGRESS_NGINX_CONTROLLER) return undefined;
  const spec = isRecord(route.resource.object.spec) ? route.resource.object.spec : {};
  const metadata = isRecord(route.resource.object.metadata) ? route.resource.object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const name =
    typeof spec.ingressClassName === 'string'
      ? spec.ingressClassName
      : typeof annotations['kubernetes.io/ingress.class'] === 'string'
        ? annotations['kubernetes.io/ingress.class']
        : undefined;
  if (name === undefined) return undefined;
  const ingressClass = find(inventory, 'IngressClass', '', name);
  const classSpec = ingressClass && isRecord(ingressClass.object.spec) ? ingressClass.object.spec : {};
  const controller = typeof classSpec.controller === 'string' ? classSpec.controller : undefined;
  if (controller === undefined || controller === INGRESS_NGINX_CLASS_CONTROLLER) return undefined;
  return `IngressClass ${name} is served by ${controller}, not ingress-nginx: give its pods with --ingress-controller (setting netpolIngressController)`;
}

/**
 * Every route's backends, each from the controller that sends to it: an Ingress's from the ingress
 * controller, an HTTPRoute's or GRPCRoute's from each Gateway that accepts it. `peers` are those of
 * {@link controllerPeers} and `model` was built with their modelled pods.
 */
export function routeReachability(
  inventory: Inventory,
  model: NetpolModel,
  routes: readonly Route[],
  peers: readonly ControllerPeer[],
  controllers: ControllerOptions,
): RouteReach[] {
  const byKey = new Map(peers.map((peer) => [peer.key, peer]));
  const rows: RouteReach[] = [];
  for (const route of routes) {
    if (route.kind === 'Ingress') {
      const other = otherController(inventory, route, controllers);
      for (const backend of route.backends)
        rows.push(
          other === undefined
            ? backendReach(inventory, model, route, backend, byKey.get('ingress'))
            : {
                route,
                backend,
                peer: undefined,
                target: undefined,
                verdict: 'not evaluated',
                problem: 'not-evaluated',
                detail: other,
                destinations: [],
              },
        );
      continue;
    }
    const attachments = attachmentsOf(inventory, route);
    const accepted = attachments.filter((attachment) => attachment.refused === undefined);
    if (accepted.length === 0) {
      const detail =
        attachments.length === 0
          ? `${route.kind} ${route.namespace}/${route.resource.name} names no Gateway in spec.parentRefs`
          : attachments.map((attachment) => attachment.refused).join('; ');
      for (const backend of route.backends)
        rows.push({
          route,
          backend,
          peer: undefined,
          target: undefined,
          verdict: attachments.length === 0 ? 'not evaluated' : 'no traffic',
          problem: attachments.length === 0 ? 'not-evaluated' : 'detached',
          detail,
          destinations: [],
        });
      continue;
    }
    const keys = new Set(
      accepted.map((attachment) =>
        gatewayPeerKey(controllers, attachment.parent.namespace, attachment.parent.name),
      ),
    );
    for (const backend of route.backends)
      for (const key of keys) rows.push(backendReach(inventory, model, route, backend, byKey.get(key)));
  }
  return rows;
}
