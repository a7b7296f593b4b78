import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Probe or lifecycle host (PSS baseline): PSA's `hostProbesAndHostLifecycle` check at the configured level and version. */
export const pssHostProbesAndHostLifecycle: WorkloadCheck = {
  id: 'pss-host-probes-and-host-lifecycle',
  title: 'Probe or lifecycle host (PSS baseline)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS baseline (v1.34 and later) forbids a host on liveness, readiness and startup probes and on postStart and preStop hooks (httpGet.host, tcpSocket.host): the kubelet would connect to an arbitrary address from the node, a server-side request forgery.',
  remediation: "Remove the host field so the kubelet probes the pod's own IP.",
  nsa: ['pod-security-enforcement'],
  pss: ['host-probes-lifecycle-hooks'],
  references: [
    'PSS baseline: hostProbesAndHostLifecycle (kubernetes/pod-security-admission policy/check_hostProbesAndhostLifecycle.go, v1.34+)',
  ],
  target: 'workload',
  run: runPssCheck('hostProbesAndHostLifecycle'),
  inForce: pssCheckInForce('hostProbesAndHostLifecycle'),
};
