import type { InventoryViolation } from '../model/check.ts';
import type { Inventory } from '../model/inventory.ts';
import { booleanFlag } from './boolean-flag.ts';
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

/** A boolean flag that must hold one value: its component default, and what the other value does. */
export interface BooleanFlagRule {
  readonly component: ComponentName;
  readonly name: string;
  /** The component's default when the flag is absent. */
  readonly fallback: boolean;
  /** The value the flag must have. */
  readonly safe: boolean;
  /** What the other value lets happen, completing "…, so <consequence>". */
  readonly consequence: string;
}

/**
 * One violation per component whose boolean flag is not `rule.safe`, set or by default; a value Go's
 * ParseBool rejects (the component would not start) is reported as it is written.
 */
export function* unsafeBooleanFlag(
  inventory: Inventory,
  rule: BooleanFlagRule,
): Generator<InventoryViolation> {
  for (const view of viewsOf(inventory, rule.component)) {
    const { value, flag } = booleanFlag(view, rule.name, rule.fallback);
    if (value === rule.safe) continue;
    yield flagViolation(
      view,
      flag,
      flag
        ? `${rule.component} --${rule.name}=${flag.value}, so ${rule.consequence}`
        : `${rule.component} sets no --${rule.name} (default ${String(rule.fallback)}), so ${rule.consequence}`,
    );
  }
}
