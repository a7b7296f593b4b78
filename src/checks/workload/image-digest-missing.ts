import { containersOf } from '../../model/containers.ts';
import { imageReferenceIn } from '../../model/image-references.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** A tag can be moved to other content; only a digest names the exact image that was reviewed. */
export const imageDigestMissing: WorkloadCheck = {
  id: 'image-digest-missing',
  title: 'Image not pinned by digest',
  severity: 'low',
  theme: 'supply',
  description:
    'An image referenced by tag alone runs whatever the registry serves under that tag at pull time: a compromised registry account or a re-pushed tag changes the code without any change to the manifest. A digest (@sha256:…) is immutable.',
  remediation:
    'Reference images by digest, e.g. registry.example.com/app:1.4.2@sha256:…, and let a bot (Renovate, Dependabot) update it.',
  nsa: ['secure-images'],
  mitre: ['T1525', 'T1204.003'],
  references: ['Checkov: CKV_K8S_43', 'Kubescape: C-0306'],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (typeof container.image !== 'string' || container.image === '') continue;
      if (imageReferenceIn(inventory, container.image).digest !== undefined) continue;
      violations.push({
        path: [...path, 'image'],
        message: `container "${name}" image "${container.image}" is not pinned by digest`,
      });
    }
    return violations;
  },
};
