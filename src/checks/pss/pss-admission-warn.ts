import type { InventoryCheck } from '../../model/check.ts';
import { admitWorkloads } from './admission.ts';

/** A workload its namespace's warn level would warn about when it is applied. */
export const pssAdmissionWarn: InventoryCheck = {
  id: 'pss-admission-warn',
  title: 'Warned by the namespace Pod Security warn level',
  severity: 'low',
  theme: 'linux',
  description:
    'Evaluates each workload against the pod-security.kubernetes.io/warn (and -version) labels of its namespace. Pod Security Admission returns the violations as a warning to kubectl (for Pods it does not already reject, and for every pod controller); the message is the warning kubectl prints.',
  remediation:
    'Fix the pod template before the namespace raises its enforce level to the warn level (the message lists each failing check).',
  nsa: ['pod-security-enforcement'],
  references: [
    'kubernetes/pod-security-admission admission/admission.go EvaluatePod (warn mode)',
    'Kubernetes: Pod Security Admission (warn mode)',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const { workload, verdict } of admitWorkloads(inventory)) {
      for (const warning of verdict.warnings) {
        yield { resource: workload.resource, path: workload.specPath, message: `Warning: ${warning}` };
      }
    }
  },
};
