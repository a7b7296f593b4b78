import { containersOf } from '../../model/containers.ts';
import { imageReferenceIn } from '../../model/image-references.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** An image named by no tag, or by `latest`, can change under the same name between two pulls. */
export const imageTagMutable: WorkloadCheck = {
  id: 'image-tag-mutable',
  title: 'Image without a fixed version',
  severity: 'medium',
  theme: 'supply',
  description:
    'An image without a tag means :latest; :latest is moved by every push. Nodes then run whatever the registry serves at pull time, and a rollback cannot restore what ran before.',
  remediation: 'Pin every image to a version tag and, better, to its digest: registry/app:1.4.2@sha256:…',
  nsa: ['secure-images'],
  mitre: ['T1525', 'T1204.003'],
  references: [
    'kube-score: container-image-tag',
    'Polaris: tagNotSpecified',
    'KubeLinter: latest-tag',
    'kubeaudit: image',
    'Checkov: CKV_K8S_14',
    'Trivy: KSV013',
    'Kubescape: C-0075',
  ],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (typeof container.image !== 'string') continue;
      const image = imageReferenceIn(inventory, container.image);
      if (image.digest !== undefined) continue;
      if (image.tag === undefined) {
        violations.push({
          path: [...path, 'image'],
          message: `container "${name}" image "${container.image}" has no tag (means :latest)`,
        });
      } else if (image.tag === 'latest') {
        violations.push({
          path: [...path, 'image'],
          message: `container "${name}" image "${container.image}" uses the mutable tag :latest`,
        });
      }
    }
    return violations;
  },
};
