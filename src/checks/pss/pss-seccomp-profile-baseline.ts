import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Seccomp disabled (PSS baseline): PSA's `seccompProfile_baseline` check at the configured level and version. */
export const pssSeccompProfileBaseline: WorkloadCheck = {
  id: 'pss-seccomp-profile-baseline',
  title: 'Seccomp disabled (PSS baseline)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS baseline forbids an Unconfined seccomp profile: from v1.19 the pod and container seccompProfile.type must be RuntimeDefault or Localhost when set; before v1.19 the alpha annotations seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<name> must be runtime/default, docker/default or localhost/*. At the restricted level (v1.19 and later) the restricted seccomp check replaces this one.',
  remediation:
    'Set seccompProfile.type to RuntimeDefault (or Localhost) and remove Unconfined profiles and annotations.',
  nsa: ['pod-security-enforcement', 'hardening-container-environments'],
  mitre: ['T1611'],
  pss: ['seccomp'],
  references: [
    'PSS baseline: seccompProfile_baseline (kubernetes/pod-security-admission policy/check_seccompProfile_baseline.go)',
    'kubeaudit: seccomp',
    'Trivy: KSV104',
    'Kubescape: C-0055',
  ],
  target: 'workload',
  run: runPssCheck('seccompProfile_baseline'),
  inForce: pssCheckInForce('seccompProfile_baseline'),
};
