import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { valueText } from './value-text.ts';

/** A writable root filesystem lets an intruder drop tools and persist changes inside the container. */
export const readOnlyRootFilesystem: WorkloadCheck = {
  id: 'read-only-root-filesystem',
  title: 'Root filesystem is writable',
  severity: 'medium',
  theme: 'linux',
  description:
    'A container whose securityContext.readOnlyRootFilesystem is not true can write to its image layers: an attacker who gets code execution can download tools, modify binaries and plant persistence. Init and ephemeral containers are checked too.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir for the paths the process must write (/tmp, caches).',
  nsa: ['immutable-filesystem'],
  references: [
    'kube-score: container-security-context-readonlyrootfilesystem',
    'Polaris: notReadOnlyRootFilesystem',
    'KubeLinter: no-read-only-root-fs',
    'kubeaudit: rootfs',
    'Checkov: CKV_K8S_22',
    'Trivy: KSV014',
    'Kubescape: C-0017',
  ],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      const securityContext = container.securityContext;
      const value = isRecord(securityContext) ? securityContext.readOnlyRootFilesystem : undefined;
      if (value === true) continue;
      violations.push({
        path: [...path, 'securityContext', 'readOnlyRootFilesystem'],
        message:
          value === undefined
            ? `container "${name}" does not set readOnlyRootFilesystem: true`
            : `container "${name}" sets readOnlyRootFilesystem to ${valueText(value)}`,
      });
    }
    return violations;
  },
};
