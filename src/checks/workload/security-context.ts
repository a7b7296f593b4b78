import { containersOf } from '../../model/containers.ts';
import type { Violation } from '../../model/check.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';

/** The value of `field` in a securityContext, or undefined when it is absent, null or not a mapping. */
function settingIn(securityContext: unknown, field: string): unknown {
  return isRecord(securityContext) ? (securityContext[field] ?? undefined) : undefined;
}

/**
 * One violation per place a security setting is set to a value `matches` accepts: containers that
 * inherit the pod's value share one violation at the pod's field, which names them all (one problem
 * at one place is reported once). `message` gets the value and the names, `container "a"` or
 * `containers "a", "b"`, and whether they are one.
 */
export function settingViolations(
  podSpec: Mapping,
  field: string,
  matches: (value: number) => boolean,
  message: (value: number, containers: string, one: boolean) => string,
): Violation[] {
  const byPlace = new Map<string, { path: FieldPath; value: number; names: string[] }>();
  for (const ref of containersOf(podSpec)) {
    const own = settingIn(ref.container.securityContext, field);
    const value = own ?? settingIn(podSpec.securityContext, field);
    if (typeof value !== 'number' || !matches(value)) continue;
    const path: FieldPath =
      own === undefined ? ['securityContext', field] : [...ref.path, 'securityContext', field];
    const key = path.join('\0');
    const place = byPlace.get(key) ?? { path, value, names: [] };
    place.names.push(`"${ref.name}"`);
    byPlace.set(key, place);
  }
  return [...byPlace.values()].map(({ path, value, names }) => ({
    path,
    message: message(
      value,
      `${names.length === 1 ? 'container' : 'containers'} ${names.join(', ')}`,
      names.length === 1,
    ),
  }));
}

const NO_CAPABILITIES: readonly { readonly name: string; readonly index: number }[] = Object.freeze([]);

/** The `capabilities.add` or `.drop` list of a container, as upper-case names with their indexes. */
export function capabilityList(
  container: Mapping,
  which: 'add' | 'drop',
): readonly { readonly name: string; readonly index: number }[] {
  const securityContext = container.securityContext;
  const capabilities = isRecord(securityContext) ? securityContext.capabilities : undefined;
  const list = isRecord(capabilities) ? capabilities[which] : undefined;
  if (!Array.isArray(list)) return NO_CAPABILITIES;
  const names: { name: string; index: number }[] = [];
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (typeof entry !== 'string') continue;
    const name = entry.toUpperCase();
    names.push({ name: name.startsWith('CAP_') ? name.slice(4) : name, index });
  }
  return names;
}

/** Kinds whose pods run to completion, for which probes and replicas mean nothing. */
export const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);
