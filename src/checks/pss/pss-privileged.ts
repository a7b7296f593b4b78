import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Privileged container (PSS baseline): PSA's `privileged` check at the configured level and version. */
export const pssPrivileged: WorkloadCheck = {
  id: 'pss-privileged',
  title: 'Privileged container (PSS baseline)',
  severity: 'critical',
  theme: 'linux',
  description:
    "PSS baseline forbids securityContext.privileged: true on any container (init, regular or ephemeral). A privileged container has every capability and the host's devices; escaping to the node is trivial.",
  remediation:
    'Remove securityContext.privileged or set it to false, and grant only the capabilities the process needs.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['privileged-containers'],
  references: [
    'PSS baseline: privileged (kubernetes/pod-security-admission policy/check_privileged.go)',
    'Polaris: runAsPrivileged',
    'KubeLinter: privileged-container',
    'kubeaudit: privileged',
    'Checkov: CKV_K8S_16',
    'Trivy: KSV017',
    'Kubescape: C-0057',
  ],
  cis: ['5.2.2'],
  target: 'workload',
  run: runPssCheck('privileged'),
  inForce: pssCheckInForce('privileged'),
};
