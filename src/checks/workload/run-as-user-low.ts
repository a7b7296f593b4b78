import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { settingViolations } from './security-context.ts';

/** The lowest UID/GID that no host account is expected to hold (kube-score, Checkov, Trivy). */
export const MIN_UNPRIVILEGED_ID = 10000;

/** A UID below 10000 may collide with a real user on the node if the container escapes. */
export const runAsUserLow: WorkloadCheck = {
  id: 'run-as-user-low',
  title: 'runAsUser below 10000',
  severity: 'low',
  theme: 'nonroot',
  description:
    'Containers should run as a UID of 10000 or more so that, after an escape, the process does not act as an existing user of the node (system accounts and people live below 10000). UID 0 is left to the Pod Security Standards runAsUser check; an unset runAsUser is not reported here (the image decides).',
  remediation:
    'Set securityContext.runAsUser to 10000 or more (in the pod or in each container) and build the image for that UID.',
  nsa: ['non-root'],
  references: [
    'kube-score: container-security-context-user-group-id',
    'Checkov: CKV_K8S_40',
    'Trivy: KSV020',
  ],
  target: 'workload',
  run(workload): Violation[] {
    return settingViolations(
      workload.podSpec,
      'runAsUser',
      (uid) => uid > 0 && uid < MIN_UNPRIVILEGED_ID,
      (uid, containers, one) =>
        `${containers} ${one ? 'runs' : 'run'} as UID ${String(uid)}, below ${String(MIN_UNPRIVILEGED_ID)}`,
    );
  },
};
