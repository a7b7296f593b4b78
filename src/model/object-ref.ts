import type { ObjectRef } from './finding.ts';
import { namespaceOf } from './inventory.ts';
import type { Inventory } from './inventory.ts';
import type { Resource } from './resource.ts';

/** How findings name a resource: its namespace as the inventory resolves it ('' when cluster-scoped). */
export function objectRef(inventory: Inventory, resource: Resource): ObjectRef {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    namespace: namespaceOf(inventory, resource),
    name: resource.name,
  };
}
