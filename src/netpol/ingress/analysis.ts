import { derivation, derived } from '../../model/derived.ts';
import { ConfigError } from '../../model/errors.ts';
import type { Inventory } from '../../model/inventory.ts';
import type { Settings } from '../../model/settings.ts';
import { checkModelOf } from '../cache.ts';
import type { NetpolModel, NetpolOptions } from '../engine.ts';
import { buildNetpolModel } from '../engine.ts';
import type { ControllerSpec } from './controller.ts';
import { parseControllerSpec } from './controller.ts';
import type { ControllerOptions, ControllerPeer } from './peers.ts';
import { controllerPeers, modelledWorkloads } from './peers.ts';
import type { RouteReach } from './reachability.ts';
import { routeReachability } from './reachability.ts';
import type { Route } from './routes.ts';
import { routesOf } from './routes.ts';

/** The routes of an inventory, the controllers that serve them, the model with those, and each backend's row. */
export interface RouteAnalysis {
  readonly routes: readonly Route[];
  readonly peers: readonly ControllerPeer[];
  readonly model: NetpolModel;
  readonly rows: readonly RouteReach[];
}

/**
 * Analyses the routes: the controllers' pods the input lacks are modelled (NetpolOptions.extraWorkloads),
 * so a policy admits them exactly as it would the real pods. `model`, when given, is the model of
 * the inventory with these options; it is used when no pod needs modelling.
 */
export function analyzeRoutes(
  inventory: Inventory,
  options: NetpolOptions,
  controllers: ControllerOptions,
  model?: NetpolModel,
): RouteAnalysis {
  const routes = routesOf(inventory);
  const peers = controllerPeers(inventory, routes, controllers);
  const extraWorkloads = modelledWorkloads(peers);
  const withPeers =
    extraWorkloads.length === 0 && model
      ? model
      : buildNetpolModel(inventory, { ...options, extraWorkloads });
  return {
    routes,
    peers,
    model: withPeers,
    rows: routeReachability(inventory, withPeers, routes, peers, controllers),
  };
}

/** The controllers the settings name (validated when the configuration is read; a ConfigError otherwise). */
export function settingsControllers(settings: Settings): ControllerOptions {
  const spec = (key: 'netpolIngressController' | 'netpolGatewayController'): ControllerSpec => {
    const parsed = parseControllerSpec(settings[key]);
    if (typeof parsed === 'string') throw new ConfigError(`settings.${key}: ${parsed}`);
    return parsed;
  };
  return {
    ingressController: spec('netpolIngressController'),
    gatewayController: settings.netpolGatewayController === '' ? undefined : spec('netpolGatewayController'),
  };
}

const ANALYSES = derivation('route analyses by settings', () => new Map<string, RouteAnalysis>());

/** The route analysis the checks of a scan share, one per controller settings. */
export function checkRouteAnalysis(inventory: Inventory, settings: Settings): RouteAnalysis {
  const key = JSON.stringify([
    settings.netpolIpBlockMatchesPods,
    settings.netpolIngressController,
    settings.netpolGatewayController,
  ]);
  const analyses = derived(inventory, ANALYSES);
  let analysis = analyses.get(key);
  if (!analysis) {
    const model = checkModelOf(inventory, settings);
    analysis = analyzeRoutes(inventory, model.options, settingsControllers(settings), model);
    analyses.set(key, analysis);
  }
  return analysis;
}
