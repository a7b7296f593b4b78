import type { Check } from '../../model/check.ts';
import { pssAdmissionEnforce } from './pss-admission-enforce.ts';
import { pssAdmissionWarn } from './pss-admission-warn.ts';
import { pssAllowPrivilegeEscalation } from './pss-allow-privilege-escalation.ts';
import { pssApparmorProfile } from './pss-apparmor-profile.ts';
import { pssCapabilitiesBaseline } from './pss-capabilities-baseline.ts';
import { pssCapabilitiesRestricted } from './pss-capabilities-restricted.ts';
import { pssHostNamespaces } from './pss-host-namespaces.ts';
import { pssHostPathVolumes } from './pss-host-path-volumes.ts';
import { pssHostPorts } from './pss-host-ports.ts';
import { pssHostProbesAndHostLifecycle } from './pss-host-probes-and-host-lifecycle.ts';
import { pssNamespaceEnforceMissing } from './pss-namespace-enforce-missing.ts';
import { pssNamespaceEnforceWeak } from './pss-namespace-enforce-weak.ts';
import { pssNamespaceLabelInvalid } from './pss-namespace-label-invalid.ts';
import { pssPrivileged } from './pss-privileged.ts';
import { pssProcMount } from './pss-proc-mount.ts';
import { pssProcMountRestricted } from './pss-proc-mount-restricted.ts';
import { pssRestrictedVolumes } from './pss-restricted-volumes.ts';
import { pssRunAsNonRoot } from './pss-run-as-non-root.ts';
import { pssRunAsUser } from './pss-run-as-user.ts';
import { pssSeccompProfileBaseline } from './pss-seccomp-profile-baseline.ts';
import { pssSeccompProfileRestricted } from './pss-seccomp-profile-restricted.ts';
import { pssSelinuxOptions } from './pss-selinux-options.ts';
import { pssSysctls } from './pss-sysctls.ts';
import { pssWindowsHostProcess } from './pss-windows-host-process.ts';

/**
 * The Pod Security Standards checks: one per PSA check, active at the configured `pssLevel` and
 * `pssVersion` exactly when PSA would run it (in PSA's message order), then the namespace-level checks:
 * enforce labels missing, weak or invalid, and what each namespace's enforce and warn levels say of its workloads.
 */
export const PSS_CHECKS: readonly Check[] = [
  pssApparmorProfile,
  pssCapabilitiesBaseline,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbesAndHostLifecycle,
  pssPrivileged,
  pssProcMount,
  pssSelinuxOptions,
  pssSeccompProfileBaseline,
  pssSysctls,
  pssWindowsHostProcess,
  pssAllowPrivilegeEscalation,
  pssCapabilitiesRestricted,
  pssProcMountRestricted,
  pssRestrictedVolumes,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompProfileRestricted,
  pssNamespaceEnforceMissing,
  pssNamespaceEnforceWeak,
  pssNamespaceLabelInvalid,
  pssAdmissionEnforce,
  pssAdmissionWarn,
];
