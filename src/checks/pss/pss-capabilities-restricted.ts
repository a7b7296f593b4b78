import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Capabilities not dropped (PSS restricted): PSA's `capabilities_restricted` check at the configured level and version. */
export const pssCapabilitiesRestricted: WorkloadCheck = {
  id: 'pss-capabilities-restricted',
  title: 'Capabilities not dropped (PSS restricted)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS restricted (v1.22 and later) requires every container to drop ALL capabilities and add back at most NET_BIND_SERVICE. Pods with spec.os.name: windows pass from v1.25. It replaces the baseline capabilities check.',
  remediation:
    'Set securityContext.capabilities.drop: ["ALL"] on every container and add only NET_BIND_SERVICE if the process binds a low port.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['capabilities-restricted'],
  references: [
    'PSS restricted: capabilities_restricted (kubernetes/pod-security-admission policy/check_capabilities_restricted.go)',
    'Polaris: insecureCapabilities',
    'kubeaudit: capabilities',
    'Checkov: CKV_K8S_37',
    'Trivy: KSV003, KSV106',
    'Kubescape: C-0055',
  ],
  cis: ['5.2.9'],
  target: 'workload',
  run: runPssCheck('capabilities_restricted'),
  inForce: pssCheckInForce('capabilities_restricted'),
};
