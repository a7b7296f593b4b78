import type { Inventory } from '../../model/inventory.ts';
import type { Workload } from '../../model/workload.ts';
import type { AdmissionVerdict } from '../../pss/admission.ts';
import { admit } from '../../pss/admission.ts';
import { policyToEvaluate } from '../../pss/namespace-policy.ts';

/** A workload with what Pod Security Admission would answer in its namespace. */
export interface WorkloadAdmission {
  readonly workload: Workload;
  readonly verdict: AdmissionVerdict;
}

/**
 * Admits every workload whose namespace is declared in the input, under that namespace's
 * `pod-security.kubernetes.io/*` labels (workloads in implied namespaces are skipped: their labels are
 * unknown). Pods face enforce and warn; controllers face warn, and their pods enforce.
 */
export function admitWorkloads(inventory: Inventory): WorkloadAdmission[] {
  const admissions: WorkloadAdmission[] = [];
  for (const workload of inventory.workloads) {
    const namespace = inventory.namespaces.get(workload.namespace);
    if (!namespace?.resource) continue;
    const { policy } = policyToEvaluate(namespace.labels);
    const pod = { metadata: workload.podMetadata, spec: workload.podSpec };
    admissions.push({ workload, verdict: admit(policy, pod, workload.resource.kind === 'Pod') });
  }
  return admissions;
}
