import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS } from './cluster-role-bindings.ts';
import { BOOTSTRAP_CLUSTER_ROLES } from './cluster-roles.ts';
import { KUBEADM_OBJECTS } from './kubeadm.ts';
import { toManifest } from './manifest.ts';
import type { BootstrapObject, BootstrapPolicy } from './types.ts';

export type { BootstrapObject, BootstrapPolicy } from './types.ts';
export {
  BOOTSTRAP_POLICIES,
  bootstrapPolicyFor,
  knownKubernetesVersions,
  LATEST_KUBERNETES_VERSION,
  unknownKubernetesVersion,
} from './versions.ts';

const objectsByPolicy = new WeakMap<BootstrapPolicy, readonly BootstrapObject[]>();

/**
 * The RBAC objects of a fresh kubeadm cluster of a Kubernetes version: the API server's default
 * ClusterRoles and ClusterRoleBindings (hand-written unless the table was generated with them), the version's generated tables (controller roles and
 * bindings, the namespaced roles and bindings of kube-system and kube-public), then kubeadm's.
 */
export function bootstrapObjects(policy: BootstrapPolicy): readonly BootstrapObject[] {
  let objects = objectsByPolicy.get(policy);
  if (objects === undefined) {
    const read = new Set(policy.sources.map((source) => source.file));
    objects = [
      ...(read.has('cluster-roles.yaml') ? [] : BOOTSTRAP_CLUSTER_ROLES),
      ...(read.has('cluster-role-bindings.yaml') ? [] : BOOTSTRAP_CLUSTER_ROLE_BINDINGS),
      ...policy.objects.map(toManifest),
      ...KUBEADM_OBJECTS,
    ];
    objectsByPolicy.set(policy, objects);
  }
  return objects;
}
