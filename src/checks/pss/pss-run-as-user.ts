import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** runAsUser 0 (PSS restricted): PSA's `runAsUser` check at the configured level and version. */
export const pssRunAsUser: WorkloadCheck = {
  id: 'pss-run-as-user',
  title: 'runAsUser 0 (PSS restricted)',
  severity: 'high',
  theme: 'nonroot',
  description:
    'PSS restricted (v1.23 and later) forbids runAsUser: 0 on the pod and its containers. From v1.35 pods with hostUsers: false pass.',
  remediation:
    'Set runAsUser to a non-zero UID (10000 or above avoids collisions with host users), or leave it unset with runAsNonRoot: true.',
  nsa: ['non-root', 'pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['running-as-non-root-user'],
  references: [
    'PSS restricted: runAsUser (kubernetes/pod-security-admission policy/check_runAsUser.go)',
    'Polaris: runAsRootAllowed',
    'KubeLinter: run-as-non-root',
    'kubeaudit: nonroot',
    'Trivy: KSV105',
    'Kubescape: C-0013',
  ],
  cis: ['5.2.7'],
  target: 'workload',
  run: runPssCheck('runAsUser'),
  inForce: pssCheckInForce('runAsUser'),
};
