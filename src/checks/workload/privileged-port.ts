import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** Binding a port below 1024 needs root or NET_BIND_SERVICE: a hint the container runs with privilege. */
export const privilegedPort: WorkloadCheck = {
  id: 'privileged-port',
  title: 'Container listens on a privileged port',
  severity: 'low',
  theme: 'nonroot',
  description:
    'A containerPort below 1024 can only be bound by root or with CAP_NET_BIND_SERVICE, so the image usually runs as root to serve it. Listen on a high port and map it in the Service instead.',
  remediation:
    'Make the process listen on a port of 1024 or more and set the Service port/targetPort mapping to keep clients unchanged.',
  nsa: ['non-root'],
  references: ['KubeLinter: privileged-ports', 'Trivy: KSV117'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (!Array.isArray(container.ports)) continue;
      for (const [index, port] of container.ports.entries()) {
        if (!isRecord(port) || typeof port.containerPort !== 'number') continue;
        if (port.containerPort > 0 && port.containerPort < 1024) {
          violations.push({
            path: [...path, 'ports', index, 'containerPort'],
            message: `container "${name}" listens on privileged port ${String(port.containerPort)}`,
          });
        }
      }
    }
    return violations;
  },
};
