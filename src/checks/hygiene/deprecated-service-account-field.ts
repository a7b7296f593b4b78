import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** `serviceAccount` is the pre-1.0 alias of `serviceAccountName`; tools that read only one disagree. */
export const deprecatedServiceAccountField: WorkloadCheck = {
  id: 'deprecated-service-account-field',
  title: 'Deprecated serviceAccount field',
  severity: 'info',
  theme: 'config',
  description:
    'spec.serviceAccount is a deprecated alias of spec.serviceAccountName. When both are set and differ, the API server uses serviceAccountName while reviewers and policy tools may read the other one.',
  remediation: 'Replace serviceAccount with serviceAccountName.',
  nsa: ['upgrading'],
  references: [
    'KubeLinter: deprecated-service-account-field',
    'kubeaudit: asat (AutomountServiceAccountTokenDeprecated)',
    'Kubescape: C-0294',
  ],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    const legacy = workload.podSpec.serviceAccount;
    if (typeof legacy !== 'string' || legacy === '') return violations;
    violations.push({
      path: ['serviceAccount'],
      message: `pod uses the deprecated serviceAccount field ("${legacy}")`,
    });
    return violations;
  },
};
