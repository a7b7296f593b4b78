import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { hostPathVolumes, isWithin } from './host-paths.ts';

/**
 * Runtime sockets and the directories holding them, with the runtime's name. A mount of a parent
 * directory (`/var/run`, `/run/containerd`) exposes the socket as well.
 */
export const RUNTIME_SOCKETS: readonly (readonly [string, string])[] = [
  ['/var/run/docker.sock', 'Docker'],
  ['/run/docker.sock', 'Docker'],
  ['/var/run/dockershim.sock', 'dockershim'],
  ['/var/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/var/run/containerd', 'containerd'],
  ['/run/containerd', 'containerd'],
  ['/run/k3s/containerd', 'k3s containerd'],
  ['/var/snap/microk8s/common/run/containerd.sock', 'MicroK8s containerd'],
  ['/var/run/crio', 'CRI-O'],
  ['/run/crio', 'CRI-O'],
  ['/var/run/podman', 'Podman'],
  ['/run/podman', 'Podman'],
  ['/var/run/frakti.sock', 'frakti'],
  ['/var/run/rktlet.sock', 'rktlet'],
];

/** Parent directories whose mount exposes every socket above. */
const SOCKET_PARENTS: readonly string[] = ['/', '/var', '/run', '/var/run', '/run/k3s'];

/** Any container-runtime socket from the host hands the pod the node: it can start privileged containers. */
export const hostPathContainerRuntime: WorkloadCheck = {
  id: 'host-path-container-runtime',
  title: 'Container runtime socket mounted',
  severity: 'critical',
  theme: 'linux',
  description:
    'A hostPath volume on a container-runtime socket (Docker, dockershim, cri-dockerd, containerd incl. k3s and MicroK8s, CRI-O, Podman, frakti, rktlet), on a directory holding one, or on a parent of those directories (/, /var, /run, /var/run) lets the pod talk to the runtime and start privileged containers on the node.',
  remediation:
    'Remove the hostPath volume. Build images with a rootless builder (BuildKit rootless, kaniko, buildah) and read container metadata through the Kubernetes API instead of the runtime.',
  nsa: ['pod-security-enforcement', 'hardening-container-environments'],
  mitre: ['T1610', 'T1611'],
  references: [
    'kubesec: DockerSock',
    'KubeLinter: docker-sock',
    'kubeaudit: mounts',
    'Checkov: CKV_K8S_27',
    'Trivy: KSV006',
    'Kubescape: C-0074',
  ],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const volume of hostPathVolumes(workload.podSpec)) {
      const socket = RUNTIME_SOCKETS.find(([base]) => isWithin(volume.hostPath, base));
      if (socket !== undefined) {
        violations.push({
          path: volume.path,
          message: `volume "${volume.name}" mounts the ${socket[1]} runtime socket (${volume.hostPath}) from the host`,
        });
      } else if (SOCKET_PARENTS.includes(volume.hostPath)) {
        violations.push({
          path: volume.path,
          message: `volume "${volume.name}" mounts ${volume.hostPath} from the host, which holds the container runtime sockets`,
        });
      }
    }
    return violations;
  },
};
