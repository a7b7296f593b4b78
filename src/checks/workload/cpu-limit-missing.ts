import type { WorkloadCheck } from '../../model/check.ts';
import { missingResource } from './resources.ts';

/** CPU limit missing */
export const cpuLimitMissing: WorkloadCheck = {
  id: 'cpu-limit-missing',
  title: 'CPU limit missing',
  severity: 'low',
  theme: 'config',
  description:
    'A container without a CPU limit can use every idle core of its node; a compromised or runaway process (a crypto-miner, a busy loop) then degrades its neighbours. Some teams deliberately run without CPU limits: disable this check in .kubeward.yaml if so.',
  remediation:
    'Set resources.limits.cpu on every container, or disable the check by policy when CPU limits are not wanted.',
  nsa: ['resource-policies'],
  mitre: ['T1496', 'T1499'],
  references: [
    'kube-score: container-resources',
    'Polaris: cpuLimitsMissing',
    'KubeLinter: unset-cpu-requirements',
    'kubeaudit: limits (LimitsCPUNotSet)',
    'Checkov: CKV_K8S_11',
    'Trivy: KSV011',
    'Kubescape: C-0270',
  ],
  target: 'workload',
  run: (workload) => missingResource(workload.podSpec, 'limits', 'cpu'),
};
