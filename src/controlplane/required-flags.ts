import type { InventoryViolation } from '../model/check.ts';
import type { Inventory } from '../model/inventory.ts';
import type { ComponentName } from './components.ts';
import { flagOf, viewsOf } from './components.ts';
import { flagViolation } from './violation.ts';

/**
 * One violation per flag of `names` that a component leaves unset or empty, in the order given.
 * Components absent from the scan give none (not applicable, not failed).
 */
export function* missingFlags(
  inventory: Inventory,
  component: ComponentName,
  names: readonly string[],
): Generator<InventoryViolation> {
  for (const view of viewsOf(inventory, component)) {
    for (const name of names) {
      const flag = flagOf(view, name);
      if (!flag) yield flagViolation(view, undefined, `${component} sets no --${name}`);
      else if (flag.value.trim() === '')
        yield flagViolation(view, flag, `${component} sets --${name} to an empty value`);
    }
  }
}
