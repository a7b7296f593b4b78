import { derivation, derived } from './derived.ts';
import type { ImageReference } from './image.ts';
import { parseImageReference } from './image.ts';
import type { Inventory } from './inventory.ts';

const IMAGE_REFERENCES = derivation('image references', () => new Map<string, ImageReference>());

/**
 * {@link parseImageReference} of an image the inventory's containers name, parsed once per distinct
 * reference and inventory: every image check of every container reads the same parts.
 */
export function imageReferenceIn(inventory: Inventory, image: string): ImageReference {
  const references = derived(inventory, IMAGE_REFERENCES);
  let reference = references.get(image);
  if (reference === undefined) references.set(image, (reference = parseImageReference(image)));
  return reference;
}
