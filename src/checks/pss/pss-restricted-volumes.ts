import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** Restricted volume types (PSS restricted): PSA's `restrictedVolumes` check at the configured level and version. */
export const pssRestrictedVolumes: WorkloadCheck = {
  id: 'pss-restricted-volumes',
  title: 'Restricted volume types (PSS restricted)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes; hostPath, nfs, gitRepo and the other in-tree sources are forbidden. It replaces the baseline hostPath check.',
  remediation: 'Use one of the allowed volume types; reach network storage through a PersistentVolumeClaim.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  pss: ['volume-types'],
  references: [
    'PSS restricted: restrictedVolumes (kubernetes/pod-security-admission policy/check_restrictedVolumes.go)',
    'Trivy: KSV028',
    'Checkov: CKV_K8S_159 (gitRepo)',
  ],
  target: 'workload',
  run: runPssCheck('restrictedVolumes'),
  inForce: pssCheckInForce('restrictedVolumes'),
};
