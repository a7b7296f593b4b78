import type { Inventory } from './inventory.ts';

/**
 * A value derived from an inventory (an engine's model, an index), declared once as a module
 * constant. {@link derived} computes it on first use and the inventory keeps it: an inventory is
 * immutable, so a derived value never goes stale, and it lives exactly as long as its inventory.
 */
export interface Derivation<T> {
  /** What the value is, for debugging. */
  readonly name: string;
  readonly derive: (inventory: Inventory) => T;
}

/** The values an inventory has derived so far, by derivation. */
export type DerivedValues = Map<Derivation<unknown>, unknown>;

/** Declares a derivation. */
export function derivation<T>(name: string, derive: (inventory: Inventory) => T): Derivation<T> {
  return { name, derive };
}

/** The inventory's value of a derivation, computed on the first call and kept by the inventory. */
export function derived<T>(inventory: Inventory, of: Derivation<T>): T {
  const values = inventory.derived;
  if (values.has(of)) return values.get(of) as T;
  const value = of.derive(inventory);
  values.set(of, value);
  return value;
}
