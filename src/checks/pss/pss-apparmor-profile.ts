import type { WorkloadCheck } from '../../model/check.ts';
import { pssCheckInForce, runPssCheck } from './run-pss-check.ts';

/** AppArmor profile overridden (PSS baseline): PSA's `appArmorProfile` check at the configured level and version. */
export const pssApparmorProfile: WorkloadCheck = {
  id: 'pss-apparmor-profile',
  title: 'AppArmor profile overridden (PSS baseline)',
  severity: 'medium',
  theme: 'linux',
  description:
    'PSS baseline forbids disabling AppArmor: the pod and container securityContext.appArmorProfile.type must be RuntimeDefault or Localhost when set, and the beta annotations container.apparmor.security.beta.kubernetes.io/* must be empty, runtime/default or localhost/*. PSA checks both, at every policy version.',
  remediation:
    'Set appArmorProfile.type to RuntimeDefault (or Localhost with a profile) and remove Unconfined values and annotations.',
  nsa: ['pod-security-enforcement', 'hardening-container-environments'],
  mitre: ['T1611'],
  pss: ['apparmor'],
  references: [
    'PSS baseline: appArmorProfile (kubernetes/pod-security-admission policy/check_appArmorProfile.go)',
    'kubeaudit: apparmor',
    'Trivy: KSV002',
    'Kubescape: C-0055',
  ],
  target: 'workload',
  run: runPssCheck('appArmorProfile'),
  inForce: pssCheckInForce('appArmorProfile'),
};
