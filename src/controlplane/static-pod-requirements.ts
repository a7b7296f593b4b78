import { normaliseFilePath } from '../model/file-path.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Mapping } from '../model/path.ts';
import { getAt, isRecord } from '../model/path.ts';
import { isStaticPod } from '../model/static-pod.ts';
import type { Workload } from '../model/workload.ts';
import type { ComponentName, ComponentView } from './components.ts';
import { componentViews } from './components.ts';
import type { HostPathNeed } from './kubeadm-host-paths.ts';
import { PATH_FLAGS, kubeadmDirectoriesOf, kubeadmHostPaths } from './kubeadm-host-paths.ts';
import { LOOPBACK_HOSTS, listenAddresses, withoutProbeHosts } from './probe-hosts.ts';

/** A host path a control-plane component needs, and the component. */
export interface ComponentNeed extends HostPathNeed {
  readonly component: ComponentName;
}

/**
 * What a control-plane static pod needs from its node to run its components: the host network
 * (kubeadm's `ComponentPod` sets `hostNetwork: true`: the control plane starts before any pod
 * network, which depends on it), host paths, and probes of the addresses the components listen on.
 */
export interface StaticPodRequirements {
  /** The components the pod runs, in container order. */
  readonly components: readonly ComponentName[];
  readonly hostPaths: readonly ComponentNeed[];
  /**
   * Hosts the probes must name, since a component listening on loopback or on one address of the
   * node does not answer on the pod IP the kubelet probes by default: loopback, and the addresses of
   * `--advertise-address`, `--bind-address` and `--listen-metrics-urls`, as kubeadm sets the probes'
   * `host` (cmd/kubeadm/app/util/staticpod/utils.go `GetAPIServerProbeAddress`,
   * `GetControllerManagerProbeAddress`, `GetSchedulerProbeAddress`, `GetEtcdProbeEndpoint`).
   */
  readonly probeHosts: ReadonlySet<string>;
}

/**
 * The requirements of a workload that is a static pod running a control-plane component (see
 * `isStaticPod` and `componentViews`), or undefined for any other workload. A host path is needed
 * when kubeadm mounts it for the component (with the ClusterConfiguration's `certificatesDir` and
 * `etcd.local.dataDir` when the input has one), when a flag of the component names exactly that
 * path, or as {@link PATH_FLAGS} says. The root directory is never needed.
 */
export function staticPodRequirements(
  inventory: Inventory,
  workload: Workload,
): StaticPodRequirements | undefined {
  if (!isStaticPod(inventory, workload.resource)) return undefined;
  const views = componentViews(inventory).filter(
    (view) => view.source === 'static-pod' && view.resource === workload.resource,
  );
  if (views.length === 0) return undefined;
  const directories = kubeadmDirectoriesOf(inventory);
  const hostPaths = views.flatMap((view) => [
    ...kubeadmHostPaths(view.component, directories).map((need) => ({ ...need, component: view.component })),
    ...flagNeeds(view),
  ]);
  const probeHosts = new Set([...LOOPBACK_HOSTS, ...views.flatMap(listenAddresses)]);
  return { components: [...new Set(views.map((view) => view.component))], hostPaths, probeHosts };
}

/**
 * The component that needs `hostPath` (normalised, see `normaliseFilePath`) mounted, writable when
 * `writable` is true; undefined when none does.
 */
export function componentNeeding(
  requirements: StaticPodRequirements,
  hostPath: string,
  writable: boolean,
): ComponentName | undefined {
  return requirements.hostPaths.find((need) => need.path === hostPath && (need.writable || !writable))
    ?.component;
}

/** How a finding names a requirement: `required by kube-apiserver (static pod)`. */
export function requiredBy(component: ComponentName): string {
  return `required by ${component} (static pod)`;
}

/**
 * The pod spec without what the components need: no host network, none of the needed hostPath
 * volumes, no needed probe host. A Pod Security check that fails on the pod but passes on this spec
 * fails only for what the component needs.
 */
export function withoutRequirements(requirements: StaticPodRequirements, podSpec: Mapping): Mapping {
  const volumes = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  return {
    ...Object.fromEntries(Object.entries(podSpec).filter(([key]) => key !== 'hostNetwork')),
    containers: containers.map((container: unknown) =>
      isRecord(container) ? withoutProbeHosts(container, requirements.probeHosts) : container,
    ),
    volumes: volumes.filter((volume: unknown) => {
      const path = isRecord(volume) ? getAt(volume, ['hostPath', 'path']) : undefined;
      return (
        typeof path !== 'string' ||
        componentNeeding(requirements, normaliseFilePath(path), false) === undefined
      );
    }),
  };
}

function flagNeeds(view: ComponentView): ComponentNeed[] {
  const needs: ComponentNeed[] = [];
  for (const flag of view.flags) {
    if (!flag.value.startsWith('/') || flag.value.includes(',')) continue;
    const path = normaliseFilePath(flag.value);
    const special = PATH_FLAGS.find(
      (entry) => entry.component === view.component && entry.flag === flag.name,
    );
    const needed =
      special?.mounts === 'directory' ? normaliseFilePath(path.slice(0, path.lastIndexOf('/'))) : path;
    if (needed === '/') continue;
    needs.push({ component: view.component, path: needed, writable: special?.writable ?? false });
  }
  return needs;
}
