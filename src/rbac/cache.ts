import type { Inventory } from '../model/inventory.ts';
import type { RbacModel } from './model.ts';
import { buildRbacModel, DEFAULT_RBAC_OPTIONS } from './model.ts';

const models = new WeakMap<Inventory, RbacModel>();

/**
 * The RBAC model of an inventory with the bootstrap roles, built once and shared by every rbac
 * check of a scan (the inventory is immutable, so the cache never goes stale).
 */
export function rbacModelOf(inventory: Inventory): RbacModel {
  const cached = models.get(inventory);
  if (cached) return cached;
  const model = buildRbacModel(inventory, DEFAULT_RBAC_OPTIONS);
  models.set(inventory, model);
  return model;
}
