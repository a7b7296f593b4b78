import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Non-default capabilities added (PSS baseline): PSA's `capabilities_baseline` check at the configured level and version. */
export const pssCapabilitiesBaseline: WorkloadCheck = {
  id: 'pss-capabilities-baseline',
  title: 'Non-default capabilities added (PSS baseline)',
  severity: 'high',
  theme: 'linux',
  description:
    "PSS baseline allows securityContext.capabilities.add only from the container runtime's default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), compared exactly. At the restricted level (v1.22 and later) the restricted capabilities check replaces this one.",
  remediation:
    'Remove capabilities such as NET_ADMIN, SYS_ADMIN or NET_RAW from securityContext.capabilities.add.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['capabilities'],
  references: [
    'PSS baseline: capabilities_baseline (kubernetes/pod-security-admission policy/check_capabilities_baseline.go)',
    'Polaris: insecureCapabilities',
    'kubeaudit: capabilities',
    'Checkov: CKV_K8S_25',
    'Trivy: KSV022',
    'Kubescape: C-0046',
  ],
  target: 'workload',
  run: runPssCheck('capabilities_baseline'),
  inForce: pssCheckInForce('capabilities_baseline'),
};
