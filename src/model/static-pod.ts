import { derivation, derived } from './derived.ts';
import { normaliseFilePath } from './file-path.ts';
import type { Inventory } from './inventory.ts';
import { isRecord } from './path.ts';
import type { Resource } from './resource.ts';

/**
 * The kubelet's annotation on the mirror pod it creates in the API for each static pod
 * (kubernetes/kubernetes pkg/kubelet/types/pod_update.go `ConfigMirrorAnnotationKey`,
 * `v1.MirrorPodAnnotationKey`).
 */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * The kubelet's annotation naming where a pod came from (pod_update.go `ConfigSourceAnnotationKey`):
 * `file` (a manifest in the static pod path) or `http` (the static pod URL) for static pods, `api`
 * for pods from the API server.
 */
const CONFIG_SOURCE_ANNOTATION = 'kubernetes.io/config.source';

/** The `kubernetes.io/config.source` values of static pods (pod_update.go `FileSource`, `HTTPSource`). */
const STATIC_SOURCES: ReadonlySet<string> = new Set(['file', 'http']);

/**
 * The control-plane components kubeadm runs as static pods, by their `component` label
 * (kubernetes/kubernetes cmd/kubeadm/app/constants/constants.go `KubeAPIServer`,
 * `KubeControllerManager`, `KubeScheduler`, `Etcd`).
 */
const KUBEADM_STATIC_POD_COMPONENTS: readonly string[] = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
];

/**
 * kubeadm's static pod directory: `/etc/kubernetes` (constants.go `KubernetesDir`) and `manifests`
 * (`ManifestsSubDirName`); kubeadm writes it as the kubelet's `staticPodPath`.
 */
export const KUBEADM_STATIC_POD_PATH = '/etc/kubernetes/manifests';

/**
 * What shows a Pod to be a static pod:
 * - `mirror-pod`: the API's copy of a static pod, with the kubelet's `kubernetes.io/config.mirror`;
 * - `config-source`: `kubernetes.io/config.source` is `file` or `http`;
 * - `kubeadm-labels`: a Pod in kube-system labelled as kubeadm labels its control-plane pods
 *   (cmd/kubeadm/app/util/staticpod/utils.go `ComponentPod`: `component: <name>`, `tier: control-plane`);
 * - `manifests-directory`: read from a file in a static pod directory, as the kubelet reads one.
 */
export type StaticPodEvidence = 'mirror-pod' | 'config-source' | 'kubeadm-labels' | 'manifests-directory';

/**
 * Why `resource` is a static pod, or undefined when it is not one. Only a v1 Pod can be: a
 * Deployment named kube-apiserver is not. `staticPodPaths` are the kubelet's static pod directories
 * (see {@link staticPodPathsOf}); a file is in one when its directory ends with the path at a `/`,
 * since a node's files are often scanned from a copy (`node/etc/kubernetes/manifests/etcd.yaml`).
 * As the kubelet reads a directory (pkg/kubelet/config/file.go `extractFromDir`), only its own files
 * count, not those of subdirectories nor dot files, and each file holds one Pod, not a List.
 */
export function staticPodEvidence(
  resource: Resource,
  staticPodPaths: readonly string[],
): StaticPodEvidence | undefined {
  if (resource.kind !== 'Pod' || resource.apiVersion !== 'v1' || resource.role !== 'object') return undefined;
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  if (typeof annotations[MIRROR_POD_ANNOTATION] === 'string') return 'mirror-pod';
  const source = annotations[CONFIG_SOURCE_ANNOTATION];
  if (typeof source === 'string' && STATIC_SOURCES.has(source)) return 'config-source';
  if (
    metadata.namespace === 'kube-system' &&
    labels.tier === 'control-plane' &&
    typeof labels.component === 'string' &&
    KUBEADM_STATIC_POD_COMPONENTS.includes(labels.component)
  )
    return 'kubeadm-labels';
  if (inStaticPodPath(resource, staticPodPaths)) return 'manifests-directory';
  return undefined;
}

/**
 * The static pod directories of the node files among `resources`: each KubeletConfiguration's
 * `staticPodPath`, and kubeadm's {@link KUBEADM_STATIC_POD_PATH}.
 */
export function staticPodPathsOf(resources: readonly Resource[]): readonly string[] {
  const paths = new Set([KUBEADM_STATIC_POD_PATH]);
  for (const resource of resources) {
    if (resource.role !== 'config' || resource.kind !== 'KubeletConfiguration') continue;
    const path = resource.object.staticPodPath;
    if (typeof path === 'string' && path.startsWith('/')) paths.add(normaliseFilePath(path));
  }
  return [...paths];
}

/** True when `resource` is a static pod of the inventory (see {@link staticPodEvidence}). */
export function isStaticPod(inventory: Inventory, resource: Resource): boolean {
  return derived(inventory, STATIC_PODS).has(resource);
}

const STATIC_PODS = derivation('static pods', (inventory): ReadonlySet<Resource> => {
  const paths = staticPodPathsOf(inventory.configs);
  return new Set(
    (inventory.byKind.get('Pod') ?? []).filter((pod) => staticPodEvidence(pod, paths) !== undefined),
  );
});

function inStaticPodPath(resource: Resource, staticPodPaths: readonly string[]): boolean {
  const { file, document, itemPath } = resource.origin;
  if (document !== 0 || itemPath.length > 0) return false;
  const normalised = normaliseFilePath(file);
  const slash = normalised.lastIndexOf('/');
  if (slash === -1 || normalised.charAt(slash + 1) === '.') return false;
  const directory = normalised.slice(0, slash);
  return staticPodPaths.some((path) => endsWithPath(directory, path) || endsWithPath(normalised, path));
}

/** True when `path` is `suffix` or ends with it (`suffix` starts with `/`, so at a path boundary). */
function endsWithPath(path: string, suffix: string): boolean {
  return path === suffix || path.endsWith(suffix);
}
