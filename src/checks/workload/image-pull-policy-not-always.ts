import { isStaticPod } from '../../model/static-pod.ts';
import { containersOf } from '../../model/containers.ts';
import { imageReferenceIn } from '../../model/image-references.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { valueText } from './value-text.ts';

/**
 * With a cached image the kubelet skips the registry's authorisation: any pod on the node can run
 * a private image another pod pulled. `Always` makes the kubelet check credentials each time.
 */
export const imagePullPolicyNotAlways: WorkloadCheck = {
  id: 'image-pull-policy-not-always',
  title: 'imagePullPolicy is not Always',
  severity: 'low',
  theme: 'supply',
  description:
    'With IfNotPresent or Never, a node reuses an image it already has: a pod without pull credentials can run a private image another tenant pulled, and a tag moved in the registry is not picked up. When imagePullPolicy is absent, Kubernetes defaults it to Always for :latest or untagged images without a digest, and to IfNotPresent otherwise. Images pinned by digest pass: their content cannot change. Static pods pass too: the kubelet restarts them without the API server, and a control plane that must pull each time cannot come back while its registry is unreachable (kubeadm pre-pulls their images and sets IfNotPresent).',
  remediation:
    'Set imagePullPolicy: Always (or pin the image by digest), and enable the AlwaysPullImages admission plugin on multi-tenant clusters.',
  nsa: ['secure-images'],
  mitre: ['T1525'],
  references: [
    'kube-score: container-image-pull-policy',
    'Polaris: pullPolicyNotAlways',
    'Checkov: CKV_K8S_15',
    'Kubescape: C-0075',
  ],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    if (isStaticPod(inventory, workload.resource)) return violations;
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (typeof container.image !== 'string' || container.image === '') continue;
      const image = imageReferenceIn(inventory, container.image);
      if (image.digest !== undefined) continue;
      const policy = container.imagePullPolicy;
      if (policy === 'Always') continue;
      if (policy === undefined) {
        if (image.tag === undefined || image.tag === 'latest') continue;
        violations.push({
          path,
          message: `container "${name}" has no imagePullPolicy (defaults to IfNotPresent for tag "${image.tag}")`,
        });
      } else {
        violations.push({
          path: [...path, 'imagePullPolicy'],
          message: `container "${name}" sets imagePullPolicy to ${valueText(policy)}`,
        });
      }
    }
    return violations;
  },
};
