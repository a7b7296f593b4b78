import { containersOf } from '../../model/containers.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { capabilityList } from './security-context.ts';

/** NET_RAW, granted by most runtimes by default, lets a container forge packets and spoof ARP/DNS. */
export const capabilityNetRawNotDropped: WorkloadCheck = {
  id: 'capability-net-raw-not-dropped',
  title: 'NET_RAW not dropped',
  severity: 'medium',
  theme: 'linux',
  description:
    'Container runtimes grant CAP_NET_RAW unless it is dropped. With it a compromised container can craft raw packets: ARP and DNS spoofing against its neighbours on the node, and ICMP tunnels. The check passes when capabilities.drop lists NET_RAW or ALL and NET_RAW is not added back.',
  remediation: 'Add capabilities.drop: ["ALL"] to every container and add back only what it needs.',
  nsa: ['pod-security-enforcement'],
  references: [
    'KubeLinter: drop-net-raw-capability',
    'Checkov: CKV_K8S_28',
    'Trivy: KSV119',
    'Trivy: KSV004',
    'Kubescape: C-0199',
  ],
  cis: ['5.2.8'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      const added = capabilityList(container, 'add').find((cap) => cap.name === 'NET_RAW');
      if (added !== undefined) {
        violations.push({
          path: [...path, 'securityContext', 'capabilities', 'add', added.index],
          message: `container "${name}" adds NET_RAW`,
        });
        continue;
      }
      const dropped = capabilityList(container, 'drop').some(
        (cap) => cap.name === 'NET_RAW' || cap.name === 'ALL',
      );
      if (!dropped)
        violations.push({
          path: [...path, 'securityContext', 'capabilities', 'drop'],
          message: `container "${name}" does not drop NET_RAW (or ALL)`,
        });
    }
    return violations;
  },
};
