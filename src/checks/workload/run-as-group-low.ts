import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { MIN_UNPRIVILEGED_ID } from './run-as-user-low.ts';
import { settingViolations } from './security-context.ts';

/** A GID below 10000 may collide with a real group on the node if the container escapes. */
export const runAsGroupLow: WorkloadCheck = {
  id: 'run-as-group-low',
  title: 'runAsGroup below 10000',
  severity: 'low',
  theme: 'nonroot',
  description:
    'Containers should run with a primary GID of 10000 or more so that, after an escape, files the process creates do not belong to an existing group of the node. GID 0 is reported by root-group; an unset runAsGroup is not reported.',
  remediation: 'Set securityContext.runAsGroup to 10000 or more (in the pod or in each container).',
  nsa: ['non-root'],
  references: ['kube-score: container-security-context-user-group-id', 'Trivy: KSV021'],
  target: 'workload',
  run(workload): Violation[] {
    return settingViolations(
      workload.podSpec,
      'runAsGroup',
      (gid) => gid > 0 && gid < MIN_UNPRIVILEGED_ID,
      (gid, containers, one) =>
        `${containers} ${one ? 'runs' : 'run'} with GID ${String(gid)}, below ${String(MIN_UNPRIVILEGED_ID)}`,
    );
  },
};
