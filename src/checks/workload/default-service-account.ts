import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { isStaticPod } from '../../model/static-pod.ts';

/** Every pod of a namespace shares the `default` ServiceAccount, so a grant to one is a grant to all. */
export const defaultServiceAccount: WorkloadCheck = {
  id: 'default-service-account',
  title: 'Default ServiceAccount used',
  severity: 'low',
  theme: 'rbac',
  description:
    'A pod without serviceAccountName (or with "default") runs as the namespace\'s default ServiceAccount, shared with every other such pod. Any permission granted to it for one workload is granted to all, and audit logs cannot tell the workloads apart.',
  remediation: 'Create one ServiceAccount per workload and set spec.serviceAccountName to it.',
  nsa: ['service-account-tokens', 'rbac'],
  mitre: ['T1078.001'],
  references: [
    'KubeLinter: default-service-account',
    'kubeaudit: asat (AutomountServiceAccountTokenTrueAndDefaultSA)',
    'Checkov: CKV_K8S_41',
    'Kubescape: C-0189',
  ],
  cis: ['5.1.5'],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    if (isStaticPod(inventory, workload.resource)) return violations;
    const name = workload.podSpec.serviceAccountName;
    const legacy = workload.podSpec.serviceAccount;
    if (typeof name === 'string' && name !== '' && name !== 'default') return violations;
    if (name === undefined && typeof legacy === 'string' && legacy !== '' && legacy !== 'default')
      return violations;
    violations.push(
      name === 'default'
        ? { path: ['serviceAccountName'], message: 'pod runs as the default ServiceAccount' }
        : { path: [], message: 'pod runs as the default ServiceAccount (no serviceAccountName)' },
    );
    return violations;
  },
};
