import type { Inventory } from '../model/inventory.ts';
import type { Settings } from '../model/settings.ts';
import type { NetpolModel, NetpolOptions } from './engine.ts';
import { buildNetpolModel, DEFAULT_NETPOL_OPTIONS } from './engine.ts';

const models = new WeakMap<Inventory, NetpolModel>();

/**
 * The model of an inventory with the default options, built once and shared by every network
 * check of a scan (the inventory is immutable, so the cache never goes stale).
 */
export function netpolModelOf(
  inventory: Inventory,
  options: NetpolOptions = DEFAULT_NETPOL_OPTIONS,
): NetpolModel {
  const cached = models.get(inventory);
  if (cached?.options.ipBlockMatchesPods === options.ipBlockMatchesPods) return cached;
  const model = buildNetpolModel(inventory, options);
  models.set(inventory, model);
  return model;
}

/** The model the `netpol-*` checks of a scan read, with the options their settings choose. */
export function checkModelOf(inventory: Inventory, settings: Settings): NetpolModel {
  return netpolModelOf(inventory, { ipBlockMatchesPods: settings.netpolIpBlockMatchesPods });
}
