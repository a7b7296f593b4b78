import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Windows HostProcess (PSS baseline): PSA's `windowsHostProcess` check at the configured level and version. */
export const pssWindowsHostProcess: WorkloadCheck = {
  id: 'pss-windows-host-process',
  title: 'Windows HostProcess (PSS baseline)',
  severity: 'critical',
  theme: 'linux',
  description:
    'PSS baseline forbids windowsOptions.hostProcess: true on the pod and its containers: a HostProcess container runs directly on the Windows node with its privileges.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess (or set it to false).',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['host-process'],
  references: [
    'PSS baseline: windowsHostProcess (kubernetes/pod-security-admission policy/check_windowsHostProcess.go)',
    'Polaris: hostProcess',
    'Trivy: KSV103',
    'Kubescape: C-0202',
  ],
  cis: ['5.2.10'],
  target: 'workload',
  run: runPssCheck('windowsHostProcess'),
  inForce: pssCheckInForce('windowsHostProcess'),
};
