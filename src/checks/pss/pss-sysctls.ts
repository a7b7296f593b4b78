import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Unsafe sysctls (PSS baseline): PSA's `sysctls` check at the configured level and version. */
export const pssSysctls: WorkloadCheck = {
  id: 'pss-sysctls',
  title: 'Unsafe sysctls (PSS baseline)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS baseline allows only namespaced, isolated sysctls in spec.securityContext.sysctls. The safe list grows with the policy version: v1.27 adds net.ipv4.ip_local_reserved_ports, v1.29 the tcp_keepalive and tcp_fin_timeout sysctls, v1.32 tcp_rmem and tcp_wmem, v1.37 tcp_slow_start_after_idle and tcp_notsent_lowat.',
  remediation:
    'Remove the unsafe sysctls; tune the node instead, or run the workload in an exempt namespace.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['sysctls'],
  references: [
    'PSS baseline: sysctls (kubernetes/pod-security-admission policy/check_sysctls.go)',
    'KubeLinter: unsafe-sysctls',
    'Trivy: KSV026',
  ],
  target: 'workload',
  run: runPssCheck('sysctls'),
  inForce: pssCheckInForce('sysctls'),
};
