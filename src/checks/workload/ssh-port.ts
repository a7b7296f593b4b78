import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** An SSH server in a container is a remote shell that bypasses Kubernetes authentication and audit. */
export const sshPort: WorkloadCheck = {
  id: 'ssh-port',
  title: 'SSH port exposed',
  severity: 'medium',
  theme: 'network',
  description:
    'A container exposes port 22 (or a port named ssh): it runs an SSH server, a way in that is not covered by RBAC, not recorded in the audit log and often protected by long-lived keys or passwords.',
  remediation:
    'Remove the SSH server from the image; use kubectl exec or kubectl debug, which RBAC controls and the audit log records.',
  nsa: ['secure-images'],
  mitre: ['T1133', 'T1110'],
  references: ['KubeLinter: ssh-port', 'Kubescape: C-0042'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (!Array.isArray(container.ports)) continue;
      for (const [index, port] of container.ports.entries()) {
        if (!isRecord(port)) continue;
        if (
          port.containerPort === 22 ||
          (typeof port.name === 'string' && port.name.toLowerCase() === 'ssh')
        ) {
          violations.push({
            path: [...path, 'ports', index],
            message: `container "${name}" exposes SSH on port ${String(port.containerPort)}`,
          });
        }
      }
    }
    return violations;
  },
};
