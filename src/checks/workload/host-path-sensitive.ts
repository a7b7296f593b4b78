import {
  componentNeeding,
  requiredBy,
  staticPodRequirements,
} from '../../controlplane/static-pod-requirements.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { hostPathVolumes, isWithin } from './host-paths.ts';
import { RUNTIME_SOCKETS } from './host-path-container-runtime.ts';

/** Host directories whose content (or any file below) gives away the node or its credentials. */
const SENSITIVE_HOST_PATHS: readonly (readonly [string, string])[] = [
  ['/etc/kubernetes', 'the Kubernetes configuration and PKI'],
  ['/var/lib/kubelet', 'the kubelet state and pod secrets'],
  ['/var/lib/etcd', 'the etcd data'],
  ['/etc', 'the node configuration'],
  ['/root', 'the root home directory'],
  ['/home', 'the users home directories'],
  ['/proc', 'the host processes'],
  ['/sys', 'the kernel interfaces'],
  ['/dev', 'the host devices'],
  ['/boot', 'the kernel and boot loader'],
  ['/lib/modules', 'the kernel modules'],
  ['/var/lib/docker', 'the Docker state'],
  ['/var/lib/containerd', 'the containerd state'],
  ['/var/lib/containers', 'the CRI-O/Podman state'],
  ['/var/log', 'the node and pod logs'],
  ['/usr', 'the host programs'],
  ['/bin', 'the host programs'],
  ['/sbin', 'the host programs'],
  ['/lib', 'the host libraries'],
];

/** Host paths such as /etc, /proc or /var/lib/kubelet expose the node's secrets and processes. */
export const hostPathSensitive: WorkloadCheck = {
  id: 'host-path-sensitive',
  title: 'Sensitive host path mounted',
  severity: 'high',
  theme: 'linux',
  description:
    "A hostPath volume on a sensitive directory of the node (/etc, /etc/kubernetes, /var/lib/kubelet, /var/lib/etcd, /root, /proc, /sys, /dev, /boot, runtime state, logs, system binaries) or anywhere below one exposes credentials, other pods' secrets or the kernel. Runtime sockets and / are reported by host-path-container-runtime.",
  remediation:
    'Remove the hostPath volume; use a ConfigMap, Secret, projected or CSI volume. A node agent that must read host files should mount the narrowest path, readOnly, and run in a dedicated namespace.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611', 'T1552.001'],
  references: [
    'KubeLinter: sensitive-host-mounts',
    'kubeaudit: mounts (SensitivePathsMounted)',
    'Trivy: KSV121',
    'Kubescape: C-0048',
  ],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    const requirements = staticPodRequirements(inventory, workload);
    for (const volume of hostPathVolumes(workload.podSpec)) {
      if (RUNTIME_SOCKETS.some(([base]) => isWithin(volume.hostPath, base))) continue;
      const sensitive = SENSITIVE_HOST_PATHS.find(([base]) => isWithin(volume.hostPath, base));
      if (sensitive === undefined) continue;
      const component = requirements && componentNeeding(requirements, volume.hostPath, false);
      if (component) {
        violations.push({
          path: volume.path,
          message: `hostPath ${volume.hostPath} mounted: ${requiredBy(component)}`,
          severity: 'info',
        });
        continue;
      }
      violations.push({
        path: volume.path,
        message: `volume "${volume.name}" mounts ${volume.hostPath} from the host, exposing ${sensitive[1]}`,
      });
    }
    return violations;
  },
};
