import type { InventoryViolation } from '../model/check.ts';
import { nodeFileRef } from '../model/node-files.ts';
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

/** A violation about a node file that is not a Kubernetes object (a certificate, a key): names the file. */
export function nodeFileViolation(file: string, message: string): InventoryViolation {
  return { resource: undefined, object: nodeFileRef(file), path: [], message };
}
