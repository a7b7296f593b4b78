import { containersOf } from '../../model/containers.ts';
import type { ContainerRef } from '../../model/containers.ts';
import type { Violation } from '../../model/check.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';

/** A security setting with the path it was read from, relative to the pod spec. */
export interface EffectiveSetting {
  readonly value: unknown;
  readonly path: FieldPath;
}

/**
 * The value a container runs with for a field both securityContexts may carry (runAsUser,
 * runAsGroup, runAsNonRoot, seccompProfile, ...): the container's own when set, else the pod's.
 * Undefined when neither sets it (the image decides).
 */
function effectiveSecuritySetting(
  podSpec: Mapping,
  { container, path }: ContainerRef,
  field: string,
): EffectiveSetting | undefined {
  const own = container.securityContext;
  if (isRecord(own) && own[field] !== undefined && own[field] !== null) {
    return { value: own[field], path: [...path, 'securityContext', field] };
  }
  const pod = podSpec.securityContext;
  if (isRecord(pod) && pod[field] !== undefined && pod[field] !== null) {
    return { value: pod[field], path: ['securityContext', field] };
  }
  return undefined;
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
    const setting = effectiveSecuritySetting(podSpec, ref, field);
    if (typeof setting?.value !== 'number' || !matches(setting.value)) continue;
    const key = setting.path.join('\0');
    const place = byPlace.get(key) ?? { path: setting.path, value: setting.value, names: [] };
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

/** The `capabilities.add` or `.drop` list of a container, as upper-case names with their indexes. */
export function capabilityList(
  container: Mapping,
  which: 'add' | 'drop',
): readonly { readonly name: string; readonly index: number }[] {
  const securityContext = container.securityContext;
  const capabilities = isRecord(securityContext) ? securityContext.capabilities : undefined;
  const list = isRecord(capabilities) ? capabilities[which] : undefined;
  if (!Array.isArray(list)) return [];
  const names: { name: string; index: number }[] = [];
  for (const [index, entry] of list.entries()) {
    if (typeof entry === 'string') names.push({ name: entry.toUpperCase().replace(/^CAP_/, ''), index });
  }
  return names;
}

/** Kinds whose pods run to completion, for which probes and replicas mean nothing. */
export const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);
