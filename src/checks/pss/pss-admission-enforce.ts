import type { InventoryCheck } from '../../model/check.ts';
import { admitWorkloads } from './admission.ts';

/** A workload its namespace's enforce level would reject (a Pod) or whose pods it would reject (a controller). */
export const pssAdmissionEnforce: InventoryCheck = {
  id: 'pss-admission-enforce',
  title: 'Rejected by the namespace Pod Security enforce level',
  severity: 'high',
  theme: 'linux',
  description:
    "Evaluates each workload against the pod-security.kubernetes.io/enforce (and -version) labels of its namespace, as Pod Security Admission does at admission. The API server refuses such a Pod outright; a Deployment, Job or other controller is admitted but every pod it creates is refused, so the workload never runs. The message is the API server's.",
  remediation:
    'Fix the pod template so it meets the namespace level (the message lists each failing check), or, if the workload really needs the privilege, move it to a namespace whose level allows it.',
  nsa: ['pod-security-enforcement'],
  references: [
    'kubernetes/pod-security-admission admission/admission.go EvaluatePod',
    'Kubernetes: Pod Security Admission (enforce mode)',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const { workload, verdict } of admitWorkloads(inventory)) {
      const { resource } = workload;
      if (verdict.denied !== undefined) {
        yield {
          resource,
          path: workload.specPath,
          message: `pods "${resource.name}" is forbidden: ${verdict.denied}`,
        };
      } else if (verdict.podsDenied !== undefined && resource.kind !== 'PodTemplate') {
        yield {
          resource,
          path: workload.specPath,
          message: `pods created by ${resource.kind} "${resource.name}" would be forbidden: ${verdict.podsDenied}`,
        };
      }
    }
  },
};
