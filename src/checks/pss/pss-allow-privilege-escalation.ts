import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Privilege escalation allowed (PSS restricted): PSA's `allowPrivilegeEscalation` check at the configured level and version. */
export const pssAllowPrivilegeEscalation: WorkloadCheck = {
  id: 'pss-allow-privilege-escalation',
  title: 'Privilege escalation allowed (PSS restricted)',
  severity: 'high',
  theme: 'nonroot',
  description:
    'PSS restricted (v1.8 and later) requires every container to set securityContext.allowPrivilegeEscalation: false explicitly, so setuid binaries cannot raise privileges (no_new_privs). Pods with spec.os.name: windows pass from v1.25.',
  remediation:
    'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
  nsa: ['pod-security-enforcement', 'non-root'],
  pss: ['privilege-escalation'],
  references: [
    'PSS restricted: allowPrivilegeEscalation (kubernetes/pod-security-admission policy/check_allowPrivilegeEscalation.go)',
    'Polaris: privilegeEscalationAllowed',
    'KubeLinter: privilege-escalation-container',
    'kubeaudit: privesc',
    'Checkov: CKV_K8S_20',
    'Trivy: KSV001',
    'Kubescape: C-0016',
  ],
  cis: ['5.2.6'],
  target: 'workload',
  run: runPssCheck('allowPrivilegeEscalation'),
  inForce: pssCheckInForce('allowPrivilegeEscalation'),
};
