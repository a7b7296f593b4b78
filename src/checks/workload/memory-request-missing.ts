import type { WorkloadCheck } from '../../model/check.ts';
import { missingResource } from './resources.ts';

/** Memory request missing */
export const memoryRequestMissing: WorkloadCheck = {
  id: 'memory-request-missing',
  title: 'Memory request missing',
  severity: 'low',
  theme: 'config',
  description:
    'A container without a memory request (or limit) is scheduled as if it needed no memory and is the first to be evicted or OOM-killed when the node runs short.',
  remediation: 'Set resources.requests.memory on every container to its working set.',
  nsa: ['resource-policies'],
  mitre: ['T1496', 'T1499'],
  references: [
    'kube-score: container-resources',
    'Polaris: memoryRequestsMissing',
    'KubeLinter: unset-memory-requirements',
    'Checkov: CKV_K8S_12',
    'Trivy: KSV016',
    'Kubescape: C-0269',
  ],
  target: 'workload',
  run: (workload) => missingResource(workload.podSpec, 'requests', 'memory'),
};
