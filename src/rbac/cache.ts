import { derivation, derived } from '../model/derived.ts';
import type { Inventory } from '../model/inventory.ts';
import type { RbacModel } from './model.ts';
import { buildRbacModel, DEFAULT_RBAC_OPTIONS } from './model.ts';

const RBAC_MODEL = derivation('RbacModel', (inventory) => buildRbacModel(inventory, DEFAULT_RBAC_OPTIONS));

/** The RBAC model of an inventory with the bootstrap roles, built once and shared by every rbac check of a scan. */
export function rbacModelOf(inventory: Inventory): RbacModel {
  return derived(inventory, RBAC_MODEL);
}
