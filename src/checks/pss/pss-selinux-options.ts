import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** SELinux options (PSS baseline): PSA's `seLinuxOptions` check at the configured level and version. */
export const pssSelinuxOptions: WorkloadCheck = {
  id: 'pss-selinux-options',
  title: 'SELinux options (PSS baseline)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS baseline restricts seLinuxOptions on the pod and its containers: type must be empty, container_t, container_init_t or container_kvm_t (container_engine_t from v1.31), and user and role must not be set. A custom type such as spc_t runs unconfined.',
  remediation: 'Remove seLinuxOptions.user and .role and use an allowed type (or none).',
  nsa: ['pod-security-enforcement', 'hardening-container-environments'],
  mitre: ['T1611'],
  pss: ['selinux'],
  references: [
    'PSS baseline: seLinuxOptions (kubernetes/pod-security-admission policy/check_seLinuxOptions.go)',
    'Trivy: KSV025',
  ],
  target: 'workload',
  run: runPssCheck('seLinuxOptions'),
  inForce: pssCheckInForce('seLinuxOptions'),
};
