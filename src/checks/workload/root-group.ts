import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { settingViolations } from './security-context.ts';

/** Group 0 owns much of a node's files: a process in it reads and writes what root's group may. */
export const rootGroup: WorkloadCheck = {
  id: 'root-group',
  title: 'Root group (GID 0) used',
  severity: 'medium',
  theme: 'nonroot',
  description:
    'runAsGroup: 0, fsGroup: 0 or a 0 in supplementalGroups gives the processes the root group. Even as a non-root user they then read and write every file that group 0 may, inside the container and on shared volumes.',
  remediation: 'Use a dedicated GID of 10000 or more for runAsGroup, fsGroup and supplementalGroups.',
  nsa: ['non-root'],
  references: ['KubeLinter: run-as-non-root', 'Trivy: KSV116'],
  target: 'workload',
  run(workload): Violation[] {
    const violations = settingViolations(
      workload.podSpec,
      'runAsGroup',
      (gid) => gid === 0,
      (_, containers, one) => `${containers} ${one ? 'runs' : 'run'} with group 0 (runAsGroup)`,
    );
    const pod = workload.podSpec.securityContext;
    if (!isRecord(pod)) return violations;
    if (pod.fsGroup === 0) {
      violations.push({ path: ['securityContext', 'fsGroup'], message: 'pod sets fsGroup to 0' });
    }
    if (Array.isArray(pod.supplementalGroups)) {
      for (const [index, group] of pod.supplementalGroups.entries()) {
        if (group === 0) {
          violations.push({
            path: ['securityContext', 'supplementalGroups', index],
            message: 'pod adds group 0 to supplementalGroups',
          });
        }
      }
    }
    return violations;
  },
};
