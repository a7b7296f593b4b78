/**
 * The evaluation state of one event: every field (and macro) is computed at most once per event and
 * kept in a slot stamped with the event's generation, so rules sharing `ka.verb` or the `kevt` macro
 * read it once.
 */
export interface EventScope {
  event: unknown;
  generation: number;
  readonly stamps: number[];
  readonly values: unknown[];
}

/** A compiled test on the event in scope. */
export type Test = (scope: EventScope) => boolean;

/** A fresh scope; `begin` prepares it for the next event. */
export function newScope(): EventScope {
  return { event: undefined, generation: 0, stamps: [], values: [] };
}

/** Starts evaluating a new event in the scope. */
export function begin(scope: EventScope, event: unknown): void {
  scope.event = event;
  scope.generation++;
}

/** Allocates one cache slot per distinct key (a field with its argument and transformers, or a macro). */
export class Slots {
  private readonly byKey = new Map<string, number>();

  /** The slot of `key`, allocated on first use. */
  slot(key: string): { readonly index: number; readonly fresh: boolean } {
    const found = this.byKey.get(key);
    if (found !== undefined) return { index: found, fresh: false };
    const index = this.byKey.size;
    this.byKey.set(key, index);
    return { index, fresh: true };
  }
}

/** A reader of a value computed once per event in `slot`. */
export function cachedReader<T>(slot: number, compute: (scope: EventScope) => T): (scope: EventScope) => T {
  return (scope) => {
    if (scope.stamps[slot] === scope.generation) return scope.values[slot] as T;
    const value = compute(scope);
    scope.values[slot] = value;
    scope.stamps[slot] = scope.generation;
    return value;
  };
}
