import type { Inventory } from '../../model/inventory.ts';
import type { NamespaceView } from '../../model/namespace.ts';
import type { Settings } from '../../model/settings.ts';
import { isExemptNamespace } from '../../pss/target.ts';

/**
 * The namespaces the PSS namespace checks look at: declared by a Namespace object in the input (an
 * implied namespace's labels are unknown) and not in `pssSystemNamespaces`.
 */
export function declaredNamespaces(inventory: Inventory, settings: Settings): NamespaceView[] {
  return [...inventory.namespaces.values()].filter(
    (namespace) => namespace.resource !== undefined && !isExemptNamespace(settings, namespace.name),
  );
}
