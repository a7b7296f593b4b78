import type { WorkloadCheck } from '../../model/check.ts';
import { missingProbe } from './probes.ts';

/** Without a liveness probe a hung process keeps its pod Running and is never restarted. */
export const livenessProbeMissing: WorkloadCheck = {
  id: 'liveness-probe-missing',
  title: 'Liveness probe missing',
  severity: 'low',
  theme: 'config',
  description:
    'A container of a long-running workload without livenessProbe is restarted only when its process exits: a deadlocked or wedged server stays up and keeps failing requests. Jobs, CronJobs, init and ephemeral containers are not checked.',
  remediation:
    'Add a livenessProbe that fails only when the process cannot recover on its own (not on a dependency outage).',
  references: [
    'kube-score: pod-probes',
    'Polaris: livenessProbeMissing',
    'KubeLinter: no-liveness-probe',
    'Checkov: CKV_K8S_8',
    'Kubescape: C-0056',
  ],
  target: 'workload',
  run: (workload) => missingProbe(workload, 'livenessProbe'),
};
