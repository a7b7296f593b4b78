import type { ContainerField } from './containers.ts';
import { containersOf } from './containers.ts';
import type { ObjectRef } from './finding.ts';
import type { ImageReferenceResult } from './image.ts';
import { checkImageReference } from './image.ts';
import type { Inventory } from './inventory.ts';
import { objectRef } from './object-ref.ts';
import { operatorWorkloads } from './operators/operator-pods.ts';
import type { FieldPath } from './path.ts';
import { getAt, isRecord } from './path.ts';
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
 * The image fields of the custom resources operators make pods from (see operators/): `spec.image`,
 * the image of the operator's main container, and the containers the resource merges into its pods
 * (`spec.containers`, `spec.initContainers`). An operator's default image, when `spec.image` is not
 * set, is not written in the input and is not listed.
 */
function operatorImageFields(inventory: Inventory): Omit<ImageUse, 'object'>[] {
  const fields: Omit<ImageUse, 'object'>[] = [];
  const seen = new Set<Resource>();
  for (const workload of operatorWorkloads(inventory)) {
    if (seen.has(workload.resource)) continue;
    seen.add(workload.resource);
    const spec = getAt(workload.resource.object, workload.specPath);
    const main = containersOf(workload.podSpec)[0];
    if (main !== undefined)
      fields.push({
        resource: workload.resource,
        container: main.name,
        field: 'containers',
        path: [...workload.specPath, 'image'],
      });
    if (isRecord(spec))
      for (const { field, path, name } of containersOf(spec))
        fields.push({
          resource: workload.resource,
          container: name,
          field,
          path: [...workload.specPath, ...path, 'image'],
        });
  }
  return fields;
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
  for (const { resource, container, field, path } of operatorImageFields(inventory)) {
    const image = getAt(resource.object, path);
    if (typeof image !== 'string') continue;
    const list = uses.get(image) ?? [];
    if (list.length === 0) uses.set(image, list);
    list.push({ resource, object: objectRef(inventory, resource), container, field, path });
  }
  return [...uses.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((image) => ({ image, reference: checkImageReference(image), uses: uses.get(image) ?? [] }));
}
