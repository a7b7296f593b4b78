import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS } from './cluster-role-bindings.ts';
import { BOOTSTRAP_CLUSTER_ROLES } from './cluster-roles.ts';
import { KUBEADM_OBJECTS } from './kubeadm.ts';
import type { BootstrapObject } from './types.ts';

export type { BootstrapObject } from './types.ts';

/**
 * The RBAC objects of a fresh kubeadm cluster: the API server's bootstrap roles and bindings, then
 * kubeadm's. The controller roles (`system:controller:*`) are not included.
 */
export const BOOTSTRAP_OBJECTS: readonly BootstrapObject[] = [
  ...BOOTSTRAP_CLUSTER_ROLES,
  ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
  ...KUBEADM_OBJECTS,
];
