import type { ResourceCheck, Violation } from '../../model/check.ts';
import { valueText } from './value-text.ts';

/** A ServiceAccount that automounts its token gives one to every pod that uses it and does not opt out. */
export const serviceAccountAutomount: ResourceCheck = {
  id: 'service-account-automount',
  title: 'ServiceAccount automounts its token',
  severity: 'low',
  theme: 'rbac',
  description:
    'A ServiceAccount without automountServiceAccountToken: false has its API token mounted into every pod that runs as it, unless the pod opts out. Turning automount off on the account makes the safe choice the default and lets the few pods that need the API opt in.',
  remediation:
    'Set automountServiceAccountToken: false on the ServiceAccount; pods that call the API set it to true.',
  nsa: ['service-account-tokens'],
  mitre: ['T1528'],
  references: ['kubeaudit: asat', 'Checkov: CKV_K8S_38', 'Trivy: KSV036', 'Kubescape: C-0190'],
  cis: ['5.1.6'],
  kinds: ['ServiceAccount'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const value = resource.object.automountServiceAccountToken;
    if (value === false) return violations;
    violations.push(
      value === undefined
        ? {
            path: [],
            message: `ServiceAccount "${resource.name}" does not set automountServiceAccountToken: false`,
          }
        : {
            path: ['automountServiceAccountToken'],
            message: `ServiceAccount "${resource.name}" sets automountServiceAccountToken to ${valueText(value)}`,
          },
    );
    return violations;
  },
};
