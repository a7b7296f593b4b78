import { isRecord } from './path.ts';
import type { Resource } from './resource.ts';

/** Whether another object made this one: its metadata.ownerReferences name at least one owner. */
export function hasOwner(resource: Resource): boolean {
  const { metadata } = resource.object;
  const owners = isRecord(metadata) ? metadata.ownerReferences : undefined;
  return Array.isArray(owners) && owners.length > 0;
}
