import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck } from '../check.ts';

/** A privileged container has every capability and the host's devices: root on the node. */
export const privilegedContainer: WorkloadCheck = {
  id: 'privileged-container',
  title: 'Privileged container',
  severity: 'critical',
  theme: 'linux',
  description:
    'A container with securityContext.privileged: true runs with all capabilities, sees the host devices and is not confined by seccomp or AppArmor. Escaping to the node is trivial.',
  remediation:
    'Remove securityContext.privileged (or set it to false) and grant only the capabilities the process needs.',
  references: [
    'PSS baseline: privileged',
    'kube-score: container-security-context-privileged',
    'Polaris: runAsPrivileged',
    'KubeLinter: privileged-container',
    'Checkov: CKV_K8S_16',
    'Trivy: KSV017',
    'Kubescape: C-0057',
  ],
  target: 'workload',
  *run(workload) {
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      const securityContext = container.securityContext;
      if (isRecord(securityContext) && securityContext.privileged === true) {
        yield {
          path: [...path, 'securityContext', 'privileged'],
          message: `container "${name}" runs privileged`,
        };
      }
    }
  },
};
