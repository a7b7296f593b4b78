import { containersOf } from '../../model/containers.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { capabilityList } from './security-context.ts';

/** Capabilities that each amount to root on the node, or close to it, with what they allow. */
const DANGEROUS_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ['ALL', 'every capability'],
  ['SYS_ADMIN', 'mounts, namespaces and most of root'],
  ['SYS_MODULE', 'loading kernel modules'],
  ['SYS_PTRACE', 'tracing and injecting into other processes'],
  ['SYS_RAWIO', 'raw access to devices and memory'],
  ['SYS_BOOT', 'rebooting the node'],
  ['SYS_TIME', 'setting the node clock'],
  ['NET_ADMIN', 'reconfiguring the network and firewall'],
  ['DAC_READ_SEARCH', 'reading any file by handle (container escape)'],
  ['BPF', 'loading eBPF programs'],
  ['PERFMON', 'kernel performance monitoring'],
  ['MAC_ADMIN', 'changing the AppArmor/SELinux policy'],
  ['MAC_OVERRIDE', 'bypassing AppArmor/SELinux'],
  ['SYSLOG', 'reading kernel logs and addresses'],
]);

/** SYS_ADMIN and its peers hand a container the means to escape to the node. */
export const capabilityDangerousAdded: WorkloadCheck = {
  id: 'capability-dangerous-added',
  title: 'Dangerous capability added',
  severity: 'high',
  theme: 'linux',
  description:
    'Some Linux capabilities are enough on their own to escape a container or take over the node: SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, NET_ADMIN, DAC_READ_SEARCH, BPF and ALL among them. Names are matched case-insensitively, with or without the CAP_ prefix.',
  remediation:
    'Remove the capability from securityContext.capabilities.add. Move the privileged task to a dedicated, audited component (a CSI driver, a CNI plugin) rather than an application container.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1611'],
  references: [
    'PSS baseline: capabilities',
    'Polaris: dangerousCapabilities',
    'kubeaudit: capabilities',
    'Checkov: CKV_K8S_39',
    'Trivy: KSV005',
    'Trivy: KSV120',
    'Kubescape: C-0046',
  ],
  cis: ['5.2.9'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      for (const cap of capabilityList(container, 'add')) {
        const what = DANGEROUS_CAPABILITIES.get(cap.name);
        if (what === undefined) continue;
        violations.push({
          path: [...path, 'securityContext', 'capabilities', 'add', cap.index],
          message: `container "${name}" adds ${cap.name} (${what})`,
        });
      }
    }
    return violations;
  },
};
