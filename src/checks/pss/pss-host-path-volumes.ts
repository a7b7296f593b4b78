import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** hostPath volumes (PSS baseline): PSA's `hostPathVolumes` check at the configured level and version. */
export const pssHostPathVolumes: WorkloadCheck = {
  id: 'pss-host-path-volumes',
  title: 'hostPath volumes (PSS baseline)',
  severity: 'high',
  theme: 'linux',
  description:
    "PSS baseline forbids hostPath volumes: they expose the node's filesystem (container runtime sockets, kubelet credentials, /etc) to the pod. At the restricted level the restricted-volumes check replaces this one.",
  remediation:
    'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes; node agents that truly need the host belong in an exempt system namespace.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['host-path-volumes'],
  references: [
    'PSS baseline: hostPathVolumes (kubernetes/pod-security-admission policy/check_hostPathVolumes.go)',
    'Polaris: hostPathSet',
    'Trivy: KSV023',
    'Kubescape: C-0048',
  ],
  cis: ['5.2.11'],
  target: 'workload',
  run: runPssCheck('hostPathVolumes'),
  inForce: pssCheckInForce('hostPathVolumes'),
};
