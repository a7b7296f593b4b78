import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Unmasked /proc (PSS baseline): PSA's `procMount` check at the configured level and version. */
export const pssProcMount: WorkloadCheck = {
  id: 'pss-proc-mount',
  title: 'Unmasked /proc (PSS baseline)',
  severity: 'high',
  theme: 'linux',
  description:
    'PSS baseline requires securityContext.procMount to be unset or Default, which keeps /proc paths masked; from v1.35 pods with hostUsers: false may use any value. At the restricted level (v1.35 and later) the restricted procMount check replaces this one.',
  remediation: 'Remove securityContext.procMount (or set it to Default).',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['proc-mount-type'],
  references: [
    'PSS baseline: procMount (kubernetes/pod-security-admission policy/check_procMount_baseline.go)',
    'Polaris: procMount',
    'KubeLinter: unsafe-proc-mount',
    'Trivy: KSV027',
  ],
  target: 'workload',
  run: runPssCheck('procMount'),
  inForce: pssCheckInForce('procMount'),
};
