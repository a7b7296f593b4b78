import type { FieldPath, Mapping } from './path.ts';
import { isRecord } from './path.ts';

/** The three lists of containers a pod spec holds, in the order Kubernetes visits them. */
const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Which list a container comes from. */
export type ContainerField = (typeof CONTAINER_FIELDS)[number];

/** One container with its place in the pod spec. */
export interface ContainerRef {
  readonly container: Mapping;
  readonly field: ContainerField;
  readonly index: number;
  /** Path relative to the pod spec: `['initContainers', 0]`. */
  readonly path: FieldPath;
  /** `container.name`, or '' when missing. */
  readonly name: string;
}

const containersBySpec = new WeakMap<Mapping, readonly ContainerRef[]>();

/**
 * Every init, regular and ephemeral container of a pod spec, in that order; non-mappings are skipped.
 * Computed once per pod spec (the loaded objects are never mutated) and shared by every check.
 */
export function containersOf(podSpec: Mapping): readonly ContainerRef[] {
  const cached = containersBySpec.get(podSpec);
  if (cached) return cached;
  const containers: ContainerRef[] = [];
  for (const field of CONTAINER_FIELDS) {
    const list = podSpec[field];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const container: unknown = list[index];
      if (!isRecord(container)) continue;
      containers.push({
        container,
        field,
        index,
        path: [field, index],
        name: typeof container.name === 'string' ? container.name : '',
      });
    }
  }
  containersBySpec.set(podSpec, containers);
  return containers;
}
