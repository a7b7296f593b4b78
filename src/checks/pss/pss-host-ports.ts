import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Host ports (PSS baseline): PSA's `hostPorts` check at the configured level and version. */
export const pssHostPorts: WorkloadCheck = {
  id: 'pss-host-ports',
  title: 'Host ports (PSS baseline)',
  severity: 'medium',
  theme: 'linux',
  description:
    "PSS baseline forbids containers[*].ports[*].hostPort other than 0: a host port binds the node's address, bypassing Services and NetworkPolicies and pinning the pod to nodes where the port is free.",
  remediation:
    'Remove hostPort and expose the container through a Service (ClusterIP, or an Ingress or LoadBalancer in front).',
  nsa: ['pod-security-enforcement'],
  pss: ['host-ports'],
  references: [
    'PSS baseline: hostPorts (kubernetes/pod-security-admission policy/check_hostPorts.go)',
    'Polaris: hostPortSet',
    'Checkov: CKV_K8S_26',
    'Trivy: KSV024',
    'Kubescape: C-0044',
  ],
  cis: ['5.2.12'],
  target: 'workload',
  run: runPssCheck('hostPorts'),
  inForce: pssCheckInForce('hostPorts'),
};
