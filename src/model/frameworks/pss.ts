import type { Framework, FrameworkControl } from './framework.ts';

/** A Pod Security Standards control and the Pod Security Admission checks that implement it. */
export interface PssControl extends FrameworkControl {
  readonly group: 'baseline' | 'restricted';
  /** The ids of the PSA checks (kubernetes/pod-security-admission `policy/check_*.go`) for this control. */
  readonly psaChecks: readonly string[];
}

/**
 * The controls of the Pod Security Standards, as kubernetes.io/docs/concepts/security/pod-security-standards
 * names them (Kubernetes v1.34 and later: 12 baseline, 6 restricted). The restricted profile includes
 * every baseline control; a restricted control that shares a baseline name carries its level in the id.
 */
export const PSS_CONTROLS: readonly PssControl[] = [
  { id: 'host-process', title: 'HostProcess', group: 'baseline', psaChecks: ['windowsHostProcess'] },
  { id: 'host-namespaces', title: 'Host Namespaces', group: 'baseline', psaChecks: ['hostNamespaces'] },
  {
    id: 'privileged-containers',
    title: 'Privileged Containers',
    group: 'baseline',
    psaChecks: ['privileged'],
  },
  { id: 'capabilities', title: 'Capabilities', group: 'baseline', psaChecks: ['capabilities_baseline'] },
  { id: 'host-path-volumes', title: 'HostPath Volumes', group: 'baseline', psaChecks: ['hostPathVolumes'] },
  { id: 'host-ports', title: 'Host Ports', group: 'baseline', psaChecks: ['hostPorts'] },
  {
    id: 'host-probes-lifecycle-hooks',
    title: 'Host Probes / Lifecycle Hooks (v1.34+)',
    group: 'baseline',
    psaChecks: ['hostProbesAndHostLifecycle'],
  },
  { id: 'apparmor', title: 'AppArmor', group: 'baseline', psaChecks: ['appArmorProfile'] },
  { id: 'selinux', title: 'SELinux', group: 'baseline', psaChecks: ['seLinuxOptions'] },
  {
    id: 'proc-mount-type',
    title: '/proc Mount Type',
    group: 'baseline',
    psaChecks: ['procMount', 'procMount_restricted'],
  },
  { id: 'seccomp', title: 'Seccomp', group: 'baseline', psaChecks: ['seccompProfile_baseline'] },
  { id: 'sysctls', title: 'Sysctls', group: 'baseline', psaChecks: ['sysctls'] },
  { id: 'volume-types', title: 'Volume Types', group: 'restricted', psaChecks: ['restrictedVolumes'] },
  {
    id: 'privilege-escalation',
    title: 'Privilege Escalation (v1.8+)',
    group: 'restricted',
    psaChecks: ['allowPrivilegeEscalation'],
  },
  {
    id: 'running-as-non-root',
    title: 'Running as Non-root',
    group: 'restricted',
    psaChecks: ['runAsNonRoot'],
  },
  {
    id: 'running-as-non-root-user',
    title: 'Running as Non-root user (v1.23+)',
    group: 'restricted',
    psaChecks: ['runAsUser'],
  },
  {
    id: 'seccomp-restricted',
    title: 'Seccomp (v1.19+)',
    group: 'restricted',
    psaChecks: ['seccompProfile_restricted'],
  },
  {
    id: 'capabilities-restricted',
    title: 'Capabilities (v1.22+)',
    group: 'restricted',
    psaChecks: ['capabilities_restricted'],
  },
];

/** The Pod Security Standards as a framework for `kubeward scan --framework pss`. */
export const POD_SECURITY_STANDARDS: Framework = {
  id: 'pss',
  title: 'Pod Security Standards',
  source: 'kubernetes.io/docs/concepts/security/pod-security-standards (Kubernetes v1.34+)',
  controls: PSS_CONTROLS,
};
