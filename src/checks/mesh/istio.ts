import { derivation, derived } from '../../model/derived.ts';
import type { Inventory } from '../../model/inventory.ts';
import { isRecord } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import { podTemplateOf } from '../../model/workload.ts';

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

const MESH_API = /\.(istio|linkerd)\.io\//;
const MESH_KEY = /istio|linkerd\.io/;
const MESH_IN_INPUT = derivation('mesh in input', (inventory) =>
  inventory.resources.some(
    (resource) =>
      MESH_API.test(resource.apiVersion) ||
      hasMeshKey(resource.object.metadata) ||
      hasMeshKey(podTemplateOf(resource, '')?.podMetadata),
  ),
);

/**
 * Whether the input has anything of a service mesh: an object of Istio's or Linkerd's APIs, or an
 * Istio or Linkerd label or annotation on an object or a pod template (`istio-injection`,
 * `sidecar.istio.io/inject`, `linkerd.io/inject`, `config.linkerd.io/...`). Mesh checks apply only
 * then: manifests without a mesh say nothing about the mesh of the cluster they go to.
 */
export function meshInInput(inventory: Inventory): boolean {
  return derived(inventory, MESH_IN_INPUT);
}

function hasMeshKey(metadata: unknown): boolean {
  return isRecord(metadata) && (hasMeshKeyIn(metadata.labels) || hasMeshKeyIn(metadata.annotations));
}

function hasMeshKeyIn(map: unknown): boolean {
  if (!isRecord(map)) return false;
  for (const key in map) if (MESH_KEY.test(key)) return true;
  return false;
}
