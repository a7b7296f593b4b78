import type { ContainerField } from './containers.ts';
import { containersOf } from './containers.ts';
import type { ObjectRef } from './finding.ts';
import type { ImageReferenceResult } from './image.ts';
import { checkImageReference } from './image.ts';
import type { Inventory } from './inventory.ts';
import { objectRef } from './object-ref.ts';
import type { FieldPath } from './path.ts';
import type { Resource } from './resource.ts';

/** One container that runs an image. */
export interface ImageUse {
  readonly resource: Resource;
  readonly object: ObjectRef;
  /** The container's name ('' when it has none). */
  readonly container: string;
  /** The list the container is in: `initContainers`, `containers` or `ephemeralContainers`. */
  readonly field: ContainerField;
  /** Path of the `image` field inside the object. */
  readonly path: FieldPath;
}

/** One image reference, as written, with what a runtime makes of it and every container that runs it. */
export interface ImageEntry {
  readonly image: string;
  readonly reference: ImageReferenceResult;
  readonly uses: readonly ImageUse[];
}

/**
 * Every image the inventory's workloads run (init, regular and ephemeral containers alike), once
 * per reference as written, sorted by reference; each with its users in input order. A container
 * whose `image` is not a string names no image and is left to the shape checks.
 */
export function imagesOf(inventory: Inventory): readonly ImageEntry[] {
  const uses = new Map<string, ImageUse[]>();
  for (const workload of inventory.workloads)
    for (const { container, field, path, name } of containersOf(workload.podSpec)) {
      if (typeof container.image !== 'string') continue;
      const list = uses.get(container.image) ?? [];
      if (list.length === 0) uses.set(container.image, list);
      list.push({
        resource: workload.resource,
        object: objectRef(inventory, workload.resource),
        container: name,
        field,
        path: [...workload.specPath, ...path, 'image'],
      });
    }
  return [...uses.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((image) => ({ image, reference: checkImageReference(image), uses: uses.get(image) ?? [] }));
}
