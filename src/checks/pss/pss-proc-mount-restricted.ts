import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Unmasked /proc (PSS restricted): PSA's `procMount_restricted` check at the configured level and version. */
export const pssProcMountRestricted: WorkloadCheck = {
  id: 'pss-proc-mount-restricted',
  title: 'Unmasked /proc (PSS restricted)',
  severity: 'high',
  theme: 'linux',
  description:
    'PSS restricted (v1.35 and later) keeps securityContext.procMount at Default even for pods with hostUsers: false, replacing the relaxed baseline procMount check.',
  remediation: 'Remove securityContext.procMount (or set it to Default).',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['proc-mount-type'],
  references: [
    'PSS restricted: procMount_restricted (kubernetes/pod-security-admission policy/check_procMount_restricted.go)',
    'Polaris: procMount',
    'KubeLinter: unsafe-proc-mount',
    'Trivy: KSV027',
  ],
  target: 'workload',
  run: runPssCheck('procMount_restricted'),
  inForce: pssCheckInForce('procMount_restricted'),
};
