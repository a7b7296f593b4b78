import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import {
  componentNeeding,
  requiredBy,
  staticPodRequirements,
} from '../../controlplane/static-pod-requirements.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { hostPathVolumes } from './host-paths.ts';

/** A writable hostPath mount lets a container change files on the node, which outlive the pod. */
export const hostPathWritable: WorkloadCheck = {
  id: 'host-path-writable',
  title: 'hostPath mounted writable',
  severity: 'medium',
  theme: 'linux',
  description:
    "A container mounts a hostPath volume without readOnly: true. It can then plant or alter files on the node (binaries, configuration, other pods' data), which survive the pod.",
  remediation:
    'Set readOnly: true on the volumeMount, or replace the hostPath with an emptyDir or a CSI volume.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  references: ['KubeLinter: writable-host-mount', 'Kubescape: C-0045'],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    const hostPaths = new Map([...hostPathVolumes(workload.podSpec)].map((volume) => [volume.name, volume]));
    if (hostPaths.size === 0) return violations;
    const requirements = staticPodRequirements(inventory, workload);
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (!Array.isArray(container.volumeMounts)) continue;
      for (const [index, mount] of container.volumeMounts.entries()) {
        if (!isRecord(mount) || typeof mount.name !== 'string') continue;
        const volume = hostPaths.get(mount.name);
        if (volume === undefined || mount.readOnly === true) continue;
        const component = requirements && componentNeeding(requirements, volume.hostPath, true);
        if (component) {
          violations.push({
            path: [...path, 'volumeMounts', index, 'readOnly'],
            message: `container "${name}" mounts hostPath ${volume.hostPath} writable: ${requiredBy(component)}`,
            severity: 'info',
          });
          continue;
        }
        violations.push({
          path: [...path, 'volumeMounts', index, 'readOnly'],
          message: `container "${name}" mounts host path ${volume.hostPath} (volume "${volume.name}") writable`,
        });
      }
    }
    return violations;
  },
};
