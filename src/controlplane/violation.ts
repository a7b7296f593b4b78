import type { InventoryViolation } from '../model/check.ts';
import type { ComponentFlag, ComponentView } from './components.ts';

/**
 * A violation about one component's flag: points at the flag when it is set, else at the component's
 * command (or kubeadm extraArgs) where it is missing.
 */
export function flagViolation(
  view: ComponentView,
  flag: ComponentFlag | undefined,
  message: string,
): InventoryViolation {
  return { resource: view.resource, path: flag?.path ?? view.anchor, message };
}
