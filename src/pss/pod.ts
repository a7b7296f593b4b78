import type { ContainerRef } from '../model/containers.ts';
import { containersOf } from '../model/containers.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';

/**
 * What PSA evaluates: the pod's (or pod template's) metadata and spec, as loaded. Fields are read
 * with Go's zero values in mind: a missing string is '', a missing pointer is unset (undefined/null).
 */
export interface PodView {
  readonly metadata: Mapping;
  readonly spec: Mapping;
}

const EMPTY: Mapping = {};

/** The mapping at `key`, or undefined when absent, null or not a mapping (a nil pointer in Go). */
export function mappingAt(parent: Mapping | undefined, key: string): Mapping | undefined {
  const value = parent?.[key];
  return isRecord(value) ? value : undefined;
}

/** The string at `key`, or '' (Go's zero value) when absent or not a string. */
export function stringAt(parent: Mapping | undefined, key: string): string {
  const value = parent?.[key];
  return typeof value === 'string' ? value : '';
}

/** The list at `key`, or [] when absent or not a list. */
export function listAt(parent: Mapping | undefined, key: string): readonly unknown[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value : [];
}

/** `spec.securityContext`, or undefined. */
export function podSecurityContext(pod: PodView): Mapping | undefined {
  return mappingAt(pod.spec, 'securityContext');
}

/** A container's `securityContext`, or undefined. */
export function containerSecurityContext(ref: ContainerRef): Mapping | undefined {
  return mappingAt(ref.container, 'securityContext');
}

/** Init, regular and ephemeral containers, in the order PSA's `visitContainers` visits them. */
export function containers(pod: PodView): readonly ContainerRef[] {
  return containersOf(pod.spec);
}

/** Path of a container's security-context field, relative to the pod spec. */
export function containerField(ref: ContainerRef, ...fields: (string | number)[]): FieldPath {
  return [...ref.path, 'securityContext', ...fields];
}

/** `metadata.annotations` with string values only (non-strings could not reach PSA). */
export function annotationsOf(pod: PodView): ReadonlyMap<string, string> {
  const annotations = mappingAt(pod.metadata, 'annotations') ?? EMPTY;
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(annotations))
    if (typeof value === 'string') result.set(key, value);
  return result;
}

/** True when `spec.os.name` is exactly `windows` (the 1.25 exemptions). */
export function isWindowsPod(pod: PodView): boolean {
  return stringAt(mappingAt(pod.spec, 'os'), 'name') === 'windows';
}

/** True when `spec.hostUsers` is explicitly false: the pod runs in a user namespace (the 1.35 relaxations). */
export function inUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}
