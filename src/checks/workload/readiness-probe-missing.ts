import type { WorkloadCheck } from '../../model/check.ts';
import { missingProbe } from './probes.ts';

/** Without a readiness probe a pod gets traffic before it can serve it, and keeps it when it cannot. */
export const readinessProbeMissing: WorkloadCheck = {
  id: 'readiness-probe-missing',
  title: 'Readiness probe missing',
  severity: 'low',
  theme: 'config',
  description:
    'A container of a long-running workload without readinessProbe is added to its Services as soon as it starts and stays there while it is overloaded or broken, so clients see errors during rollouts and incidents. Jobs, CronJobs, init and ephemeral containers are not checked.',
  remediation: 'Add a readinessProbe that checks the container can serve requests.',
  references: [
    'kube-score: pod-probes',
    'Polaris: readinessProbeMissing',
    'KubeLinter: no-readiness-probe',
    'Checkov: CKV_K8S_9',
    'Kubescape: C-0018',
  ],
  target: 'workload',
  run: (workload) => missingProbe(workload, 'readinessProbe'),
};
