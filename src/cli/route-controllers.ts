import { UsageError } from '../model/errors.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Workload } from '../model/workload.ts';
import type { ControllerSpec } from '../netpol/ingress/controller.ts';
import { parseControllerSpec } from '../netpol/ingress/controller.ts';
import type { ControllerOptions } from '../netpol/ingress/peers.ts';
import { controllerPeers, modelledWorkloads } from '../netpol/ingress/peers.ts';
import { routesOf } from '../netpol/ingress/routes.ts';

/** `--ingress-controller` and `--gateway-controller`, as commander parses them. */
export interface ControllerFlags {
  readonly ingressController: string;
  readonly gatewayController?: string;
}

function specOf(flag: string, text: string): ControllerSpec {
  const spec = parseControllerSpec(text);
  if (typeof spec === 'string') throw new UsageError(`invalid ${flag}: ${spec}`);
  return spec;
}

/** The controllers the flags give (a usage error for a malformed one). */
export function controllersOf(flags: ControllerFlags): ControllerOptions {
  return {
    ingressController: specOf('--ingress-controller', flags.ingressController),
    gatewayController:
      flags.gatewayController === undefined
        ? undefined
        : specOf('--gateway-controller', flags.gatewayController),
  };
}

/**
 * The controllers' pods to model for the routes of the input (`{ingress-controller}`, a Gateway's):
 * none when the input has no route, or holds the pods.
 */
export function routeControllerPods(inventory: Inventory, flags: ControllerFlags): Workload[] {
  const routes = routesOf(inventory);
  if (routes.length === 0) return [];
  return modelledWorkloads(controllerPeers(inventory, routes, controllersOf(flags)));
}
