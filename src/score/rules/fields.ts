import type { ContainerRef } from '../../model/containers.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import type { ScoreInput } from '../rule.ts';

/** What a match reports when its input is not `located`: one path, shared, for every field. */
const UNLOCATED: FieldPath = Object.freeze([]);

/** What a rule returns when nothing matched: one empty list, shared. */
export const NO_MATCH: readonly FieldPath[] = Object.freeze([]);

/** Path of a container field relative to the object. */
export function containerPath(input: ScoreInput, container: ContainerRef, field: FieldPath): FieldPath {
  return input.located ? [...input.podSpecPath, ...container.path, ...field] : UNLOCATED;
}

/** Path of a pod spec field relative to the object. */
export function podPath(input: ScoreInput, field: FieldPath): FieldPath {
  return input.located ? [...input.podSpecPath, ...field] : UNLOCATED;
}

/** The path of `securityContext.<field>` below a container or the pod spec. */
function securityContextField(field: FieldPath): FieldPath {
  return ['securityContext', ...field];
}

/** Containers whose `securityContext.<field>` satisfies `test`, as object-relative paths. */
export function containersWhere(
  input: ScoreInput,
  field: FieldPath,
  test: (value: unknown) => boolean,
): readonly FieldPath[] {
  let paths: FieldPath[] | undefined;
  for (const ref of input.containers)
    if (test(getAt(ref.container.securityContext, field)))
      (paths ??= []).push(containerPath(input, ref, input.located ? securityContextField(field) : UNLOCATED));
  return paths ?? NO_MATCH;
}

/**
 * kubesec's pod-level inheritance: a container matches when its own `securityContext.<field>` passes
 * `test`, or when it leaves the field unset (`isSet` false) and the pod-level value passes. No container,
 * no match. Returns the fields that decided each matching container.
 */
export function inheritedWhere(
  input: ScoreInput,
  field: FieldPath,
  isSet: (value: unknown) => boolean,
  test: (value: unknown) => boolean,
): readonly FieldPath[] {
  const podValue = getAt(input.podSpec.securityContext, field);
  let paths: FieldPath[] | undefined;
  let podCounted = false;
  for (const container of input.containers) {
    const own = getAt(container.container.securityContext, field);
    if (isSet(own)) {
      if (test(own))
        (paths ??= []).push(
          containerPath(input, container, input.located ? securityContextField(field) : UNLOCATED),
        );
    } else if (isSet(podValue) && test(podValue) && !podCounted) {
      podCounted = true;
      (paths ??= []).push(podPath(input, input.located ? securityContextField(field) : UNLOCATED));
    }
  }
  return paths ?? NO_MATCH;
}

/** True for a key present with a non-null value (kubesec's "exists"). */
export function present(mapping: unknown, key: string): boolean {
  return isRecord(mapping) && mapping[key] !== undefined && mapping[key] !== null;
}

/** The object's own `metadata.annotations` (never the pod template's), or `{}`. */
export function annotationsOf(object: Mapping): Mapping {
  const annotations = getAt(object, ['metadata', 'annotations']);
  return isRecord(annotations) ? annotations : {};
}

/** Text of a value as kubesec searches it (JSON, so `SYS_ADMIN` inside any list item is found). */
export function textOf(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}
