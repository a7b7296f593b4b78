import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Host namespaces shared (PSS baseline): PSA's `hostNamespaces` check at the configured level and version. */
export const pssHostNamespaces: WorkloadCheck = {
  id: 'pss-host-namespaces',
  title: 'Host namespaces shared (PSS baseline)',
  severity: 'high',
  theme: 'linux',
  description:
    "PSS baseline forbids hostNetwork, hostPID and hostIPC: sharing the node's network, process or IPC namespace lets the pod sniff traffic, signal host processes and read shared memory.",
  remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC (or set them to false).',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['host-namespaces'],
  references: [
    'PSS baseline: hostNamespaces (kubernetes/pod-security-admission policy/check_hostNamespaces.go)',
    'Polaris: hostNetworkSet, hostPIDSet, hostIPCSet',
    'KubeLinter: host-network, host-pid, host-ipc',
    'kubeaudit: hostns',
    'Checkov: CKV_K8S_17, CKV_K8S_18, CKV_K8S_19',
    'Trivy: KSV008, KSV009, KSV010',
    'Kubescape: C-0038, C-0041',
  ],
  cis: ['5.2.3', '5.2.4', '5.2.5'],
  target: 'workload',
  run: runPssCheck('hostNamespaces'),
  inForce: pssCheckInForce('hostNamespaces'),
};
