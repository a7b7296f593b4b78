import { hasOwner } from '../../model/owner.ts';
import { isStaticPod } from '../../model/static-pod.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** A bare Pod is not rescheduled when its node fails and escapes the rollout and review of a controller. */
export const nakedPod: ResourceCheck = {
  id: 'naked-pod',
  title: 'Pod without a controller',
  severity: 'low',
  theme: 'config',
  description:
    'A Pod manifest with no ownerReferences is not managed by a Deployment, StatefulSet, DaemonSet or Job: it is not recreated when its node goes away, cannot be rolled out or back, and is often a leftover debugging pod.',
  remediation: 'Wrap the pod template in a Deployment (or a Job for run-to-completion work).',
  references: ['Kubescape: C-0073'],
  kinds: ['Pod'],
  target: 'resource',
  run(resource, { inventory }): Violation[] {
    const violations: Violation[] = [];
    if (isStaticPod(inventory, resource)) return violations;
    if (hasOwner(resource)) return violations;
    violations.push({ path: [], message: `Pod "${resource.name}" has no controller (no ownerReferences)` });
    return violations;
  },
};
