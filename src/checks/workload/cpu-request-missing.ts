import type { WorkloadCheck } from '../../model/check.ts';
import { missingResource } from './resources.ts';

/** CPU request missing */
export const cpuRequestMissing: WorkloadCheck = {
  id: 'cpu-request-missing',
  title: 'CPU request missing',
  severity: 'low',
  theme: 'config',
  description:
    'A container without a CPU request (or limit) is scheduled as if it needed no CPU: nodes get overcommitted and, under contention, the pod is starved first. Requests are also what quotas and autoscalers count.',
  remediation: 'Set resources.requests.cpu on every container to its typical usage.',
  nsa: ['resource-policies'],
  mitre: ['T1496', 'T1499'],
  references: [
    'kube-score: container-resources',
    'Polaris: cpuRequestsMissing',
    'KubeLinter: unset-cpu-requirements',
    'Checkov: CKV_K8S_10',
    'Trivy: KSV015',
    'Kubescape: C-0268',
  ],
  target: 'workload',
  run: (workload) => missingResource(workload.podSpec, 'requests', 'cpu'),
};
