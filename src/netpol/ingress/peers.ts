import type { Inventory } from '../../model/inventory.ts';
import { labelsOf, selectorMatches } from '../../model/label-selector.ts';
import { podWorkloads } from '../../model/operators/operator-pods.ts';
import type { Workload } from '../../model/workload.ts';
import type { ControllerSpec } from './controller.ts';
import { gatewayPodsSpec } from './controller.ts';
import { attachmentsOf } from './gateways.ts';
import { modelledWorkload } from './modelled-pod.ts';
import type { Route } from './routes.ts';

/** Which pods carry route traffic: the ingress controller's, and the Gateways'. */
export interface ControllerOptions {
  readonly ingressController: ControllerSpec;
  /** One set of pods for every Gateway; undefined: each Gateway's own, where GEP-1762 puts them. */
  readonly gatewayController: ControllerSpec | undefined;
}

/** The pods that send a route's traffic to its backends. */
export interface ControllerPeer {
  /** `ingress`, `gateway` (one controller for all), or `gateway:NS/NAME`. */
  readonly key: string;
  /** `{ingress-controller}`, `{gateway-controller}`, `{gateway NS/NAME}` when modelled, else the workloads. */
  readonly name: string;
  readonly spec: ControllerSpec;
  /** The input's pods the spec selects, or the one modelled pod when it selects none. */
  readonly workloads: readonly Workload[];
  readonly modelled: boolean;
}

/** The name of the ingress controller's pods when the input does not hold them. */
export const INGRESS_CONTROLLER_PEER = '{ingress-controller}';

/** The key of the controller peer serving a Gateway. */
export function gatewayPeerKey(controllers: ControllerOptions, namespace: string, name: string): string {
  return controllers.gatewayController ? 'gateway' : `gateway:${namespace}/${name}`;
}

function peerOf(inventory: Inventory, key: string, name: string, spec: ControllerSpec): ControllerPeer {
  const workloads = podWorkloads(inventory).filter(
    (workload) =>
      workload.namespace === spec.namespace &&
      selectorMatches(spec.selector, labelsOf(workload.podMetadata.labels)),
  );
  if (workloads.length > 0)
    return {
      key,
      name: workloads
        .map((w) => `${w.resource.kind.toLowerCase()}/${w.namespace}/${w.resource.name}`)
        .join(', '),
      spec,
      workloads,
      modelled: false,
    };
  return {
    key,
    name,
    spec,
    workloads: [modelledWorkload(name, spec.namespace, spec.labels)],
    modelled: true,
  };
}

/**
 * The controller peers the routes need: the ingress controller when there is an Ingress, and the
 * pods of each Gateway some HTTPRoute or GRPCRoute is attached to (or of the one gateway
 * controller given for all). Each is the input's pods its spec selects, else one modelled pod.
 */
export function controllerPeers(
  inventory: Inventory,
  routes: readonly Route[],
  controllers: ControllerOptions,
): ControllerPeer[] {
  const peers = new Map<string, ControllerPeer>();
  for (const route of routes) {
    if (route.kind === 'Ingress') {
      if (!peers.has('ingress'))
        peers.set(
          'ingress',
          peerOf(inventory, 'ingress', INGRESS_CONTROLLER_PEER, controllers.ingressController),
        );
      continue;
    }
    for (const attachment of attachmentsOf(inventory, route)) {
      if (attachment.refused !== undefined) continue;
      const { namespace, name } = attachment.parent;
      const key = gatewayPeerKey(controllers, namespace, name);
      if (peers.has(key)) continue;
      peers.set(
        key,
        controllers.gatewayController
          ? peerOf(inventory, key, '{gateway-controller}', controllers.gatewayController)
          : peerOf(inventory, key, `{gateway ${namespace}/${name}}`, gatewayPodsSpec(namespace, name)),
      );
    }
  }
  return [...peers.values()];
}

/** The modelled pods of the peers, for NetpolOptions.extraWorkloads. */
export function modelledWorkloads(peers: readonly ControllerPeer[]): Workload[] {
  return peers.filter((peer) => peer.modelled).flatMap((peer) => peer.workloads);
}
