import { derivation, derived } from '../model/derived.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Settings } from '../model/settings.ts';
import type { NetpolModel, NetpolOptions } from './engine.ts';
import { buildNetpolModel, DEFAULT_NETPOL_OPTIONS } from './engine.ts';

const MODELS = {
  podAddressesMatchIpBlocks: derivation('NetpolModel (ipBlocks match pods)', (inventory) =>
    buildNetpolModel(inventory, { ipBlockMatchesPods: true }),
  ),
  podAddressesIgnored: derivation('NetpolModel', (inventory) =>
    buildNetpolModel(inventory, { ipBlockMatchesPods: false }),
  ),
};

/** The model of an inventory, built once per options and shared by every network check of a scan. */
function netpolModelOf(inventory: Inventory, options: NetpolOptions = DEFAULT_NETPOL_OPTIONS): NetpolModel {
  return derived(
    inventory,
    options.ipBlockMatchesPods ? MODELS.podAddressesMatchIpBlocks : MODELS.podAddressesIgnored,
  );
}

/** The model the `netpol-*` checks of a scan read, with the options their settings choose. */
export function checkModelOf(inventory: Inventory, settings: Settings): NetpolModel {
  return netpolModelOf(inventory, { ipBlockMatchesPods: settings.netpolIpBlockMatchesPods });
}
