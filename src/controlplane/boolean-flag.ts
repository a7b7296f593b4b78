import type { ComponentFlag, ComponentView } from './components.ts';
import { flagOf } from './components.ts';
import { parseBool } from './flags.ts';

/** A boolean flag's effective value (the component's default when unset) and the occurrence that set it. */
export function booleanFlag(
  view: ComponentView,
  name: string,
  fallback: boolean,
): { readonly value: boolean | undefined; readonly flag: ComponentFlag | undefined } {
  const flag = flagOf(view, name);
  return { value: flag ? parseBool(flag.value) : fallback, flag };
}
