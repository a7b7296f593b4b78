import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** With a shared process namespace every container sees, signals and reads the others' processes. */
export const shareProcessNamespace: WorkloadCheck = {
  id: 'share-process-namespace',
  title: 'Process namespace shared between containers',
  severity: 'low',
  theme: 'linux',
  description:
    "spec.shareProcessNamespace: true puts all containers of the pod in one PID namespace: each can see the others' processes, send them signals and read their environment and filesystem through /proc/<pid>/root, which crosses the boundary between a sidecar and the application.",
  remediation:
    'Remove shareProcessNamespace; debug with ephemeral containers (kubectl debug --target) instead.',
  nsa: ['hardening-container-environments'],
  references: ['Kubernetes docs: share-process-namespace', 'kubesec: ShareProcessNamespace'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    if (workload.podSpec.shareProcessNamespace === true) {
      violations.push({
        path: ['shareProcessNamespace'],
        message: 'pod shares one process namespace between its containers',
      });
    }
    return violations;
  },
};
