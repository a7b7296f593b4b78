import type { WorkloadCheck } from '../../model/check.ts';
import { missingResource } from './resources.ts';

/** Memory limit missing */
export const memoryLimitMissing: WorkloadCheck = {
  id: 'memory-limit-missing',
  title: 'Memory limit missing',
  severity: 'medium',
  theme: 'config',
  description:
    'A container without a memory limit can take all the memory of its node: a leak or an attacker exhausting memory takes down every pod scheduled there (denial of service).',
  remediation: 'Set resources.limits.memory on every container.',
  nsa: ['resource-policies'],
  mitre: ['T1496', 'T1499'],
  references: [
    'kube-score: container-resources',
    'Polaris: memoryLimitsMissing',
    'KubeLinter: unset-memory-requirements',
    'kubeaudit: limits (LimitsMemoryNotSet)',
    'Checkov: CKV_K8S_13',
    'Trivy: KSV018',
    'Kubescape: C-0271',
  ],
  target: 'workload',
  run: (workload) => missingResource(workload.podSpec, 'limits', 'memory'),
};
