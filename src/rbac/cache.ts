import type { Derivation } from '../model/derived.ts';
import { derivation, derived } from '../model/derived.ts';
import type { Inventory } from '../model/inventory.ts';
import type { BootstrapPolicy } from './bootstrap/index.ts';
import { BOOTSTRAP_POLICIES, bootstrapPolicyFor, LATEST_KUBERNETES_VERSION } from './bootstrap/index.ts';
import type { RbacModel } from './model.ts';
import { buildRbacModel } from './model.ts';

const MODELS: ReadonlyMap<BootstrapPolicy, Derivation<RbacModel>> = new Map(
  BOOTSTRAP_POLICIES.map((policy) => [
    policy,
    derivation(`RbacModel ${policy.kubernetesVersion}`, (inventory) =>
      buildRbacModel(inventory, { bootstrap: true, policy }),
    ),
  ]),
);

/**
 * The RBAC model of an inventory with the bootstrap roles of a Kubernetes version (the `kubernetesVersion`
 * setting, already validated), built once and shared by every rbac check of a scan.
 */
export function rbacModelOf(inventory: Inventory, kubernetesVersion = LATEST_KUBERNETES_VERSION): RbacModel {
  const policy = bootstrapPolicyFor(kubernetesVersion);
  const model = policy === undefined ? undefined : MODELS.get(policy);
  if (model === undefined) throw new Error(`no bootstrap policy for Kubernetes ${kubernetesVersion}`);
  return derived(inventory, model);
}
