import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck } from '../check.ts';

/** Host paths that hand over the node: container-runtime sockets and the root filesystem. */
const DANGEROUS_PATHS: ReadonlyMap<string, string> = new Map([
  ['/', 'the host root filesystem'],
  ['/var/run/docker.sock', 'the Docker socket'],
  ['/run/docker.sock', 'the Docker socket'],
  ['/var/run/containerd/containerd.sock', 'the containerd socket'],
  ['/run/containerd/containerd.sock', 'the containerd socket'],
  ['/var/run/crio/crio.sock', 'the CRI-O socket'],
  ['/run/crio/crio.sock', 'the CRI-O socket'],
  ['/var/run/cri-dockerd.sock', 'the cri-dockerd socket'],
  ['/run/cri-dockerd.sock', 'the cri-dockerd socket'],
]);

/** Normalises `/var/run/docker.sock/` and `//var//run` to the canonical form. */
function normalise(path: string): string {
  const trimmed = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Mounting a container runtime's socket or `/` from the host gives the pod control of the node. */
export const hostPathRuntimeSocket: WorkloadCheck = {
  id: 'host-path-runtime-socket',
  title: 'Container runtime socket or host root mounted',
  severity: 'critical',
  theme: 'linux',
  description:
    'A hostPath volume on a container-runtime socket (Docker, containerd, CRI-O) lets the pod start privileged containers on the node; a hostPath of / exposes every file of the host.',
  remediation:
    'Remove the hostPath volume. Build images with a rootless builder (BuildKit rootless, kaniko) instead of the node runtime.',
  references: [
    'kubesec: DockerSock',
    'KubeLinter: docker-sock',
    'kubeaudit: mounts',
    'Checkov: CKV_K8S_27',
    'Trivy: KSV006',
    'Kubescape: C-0074',
  ],
  target: 'workload',
  *run(workload) {
    const volumes = workload.podSpec.volumes;
    if (!Array.isArray(volumes)) return;
    for (const [index, volume] of volumes.entries()) {
      if (!isRecord(volume) || !isRecord(volume.hostPath) || typeof volume.hostPath.path !== 'string')
        continue;
      const what = DANGEROUS_PATHS.get(normalise(volume.hostPath.path));
      if (what === undefined) continue;
      const name = typeof volume.name === 'string' ? volume.name : '';
      yield {
        path: ['volumes', index, 'hostPath', 'path'],
        message: `volume "${name}" mounts ${what} (${volume.hostPath.path}) from the host`,
      };
    }
  },
};
