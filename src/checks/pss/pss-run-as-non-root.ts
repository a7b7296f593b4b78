import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** runAsNonRoot not true (PSS restricted): PSA's `runAsNonRoot` check at the configured level and version. */
export const pssRunAsNonRoot: WorkloadCheck = {
  id: 'pss-run-as-non-root',
  title: 'runAsNonRoot not true (PSS restricted)',
  severity: 'medium',
  theme: 'nonroot',
  description:
    'PSS restricted requires runAsNonRoot: true on the pod, or on every container; an explicit false anywhere is forbidden. From v1.35 pods with hostUsers: false pass, since root in a user namespace is unprivileged on the node.',
  remediation: 'Set spec.securityContext.runAsNonRoot: true and build the image with a non-root USER.',
  nsa: ['non-root', 'pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['running-as-non-root'],
  references: [
    'PSS restricted: runAsNonRoot (kubernetes/pod-security-admission policy/check_runAsNonRoot.go)',
    'Polaris: runAsRootAllowed',
    'KubeLinter: run-as-non-root',
    'kubeaudit: nonroot',
    'Checkov: CKV_K8S_23',
    'Trivy: KSV012',
    'Kubescape: C-0013',
  ],
  cis: ['5.2.7'],
  target: 'workload',
  run: runPssCheck('runAsNonRoot'),
  inForce: pssCheckInForce('runAsNonRoot'),
};
