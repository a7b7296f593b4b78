import type { Resource } from '../../model/resource.ts';

/** The Istio root namespace, where mesh-wide policies live (MeshConfig.rootNamespace default). */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

/**
 * Namespaces that are not application namespaces: the control planes of Kubernetes and of the
 * meshes, which are not injected by design.
 */
export const MESH_SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'istio-system',
  'istio-ingress',
  'istio-gateways',
  'linkerd',
  'linkerd-viz',
  'linkerd-cni',
]);

/** True for objects of Istio's APIs (`security.istio.io/v1`, `networking.istio.io/v1beta1`, ...). */
export function isIstio(resource: Resource, group: 'security' | 'networking'): boolean {
  return resource.apiVersion.startsWith(`${group}.istio.io/`);
}
