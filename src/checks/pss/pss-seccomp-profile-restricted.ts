import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Seccomp profile not set (PSS restricted): PSA's `seccompProfile_restricted` check at the configured level and version. */
export const pssSeccompProfileRestricted: WorkloadCheck = {
  id: 'pss-seccomp-profile-restricted',
  title: 'Seccomp profile not set (PSS restricted)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS restricted (v1.19 and later) requires seccompProfile.type RuntimeDefault or Localhost on the pod, or on every container that the pod level does not cover. Pods with spec.os.name: windows pass from v1.25. It replaces the baseline seccomp check.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
  nsa: ['pod-security-enforcement', 'hardening-container-environments'],
  mitre: ['T1611'],
  pss: ['seccomp-restricted'],
  references: [
    'PSS restricted: seccompProfile_restricted (kubernetes/pod-security-admission policy/check_seccompProfile_restricted.go)',
    'Polaris: linuxHardening',
    'kubeaudit: seccomp',
    'Checkov: CKV_K8S_31',
    'Trivy: KSV030',
    'Kubescape: C-0210',
  ],
  cis: ['5.6.2'],
  target: 'workload',
  run: runPssCheck('seccompProfile_restricted'),
  inForce: pssCheckInForce('seccompProfile_restricted'),
};
