import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** True for a securityContext that sets at least one field. */
function isSet(securityContext: unknown): boolean {
  return isRecord(securityContext) && Object.keys(securityContext).length > 0;
}

/** A container with no securityContext, in a pod with none, runs with every runtime default. */
export const securityContextMissing: WorkloadCheck = {
  id: 'security-context-missing',
  title: 'No securityContext at all',
  severity: 'low',
  theme: 'linux',
  description:
    "Neither the container nor its pod sets any securityContext field: the container runs as the image user (often root), with the runtime's default capabilities, a writable root filesystem and privilege escalation allowed. Nobody has reviewed how this workload should be confined. An empty securityContext ({}) counts as missing.",
  remediation:
    'Set at least runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: ["ALL"], readOnlyRootFilesystem: true and seccompProfile.type: RuntimeDefault.',
  nsa: ['pod-security-enforcement', 'non-root'],
  references: [
    'kubeaudit: capabilities (CapabilityOrSecurityContextMissing)',
    'Checkov: CKV_K8S_29',
    'Checkov: CKV_K8S_30',
    'Trivy: KSV118',
    'Kubescape: C-0211',
  ],
  cis: ['5.6.3'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    if (isSet(workload.podSpec.securityContext)) return violations;
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (isSet(container.securityContext)) continue;
      violations.push({
        path,
        message: `container "${name}" has no securityContext, and neither has its pod`,
      });
    }
    return violations;
  },
};
