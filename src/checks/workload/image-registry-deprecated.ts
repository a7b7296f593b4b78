import { containersOf } from '../../model/containers.ts';
import { imageReferenceIn } from '../../model/image-references.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** Frozen registries and their successors. */
const DEPRECATED_REGISTRIES: ReadonlyMap<string, string> = new Map([['k8s.gcr.io', 'registry.k8s.io']]);

/** k8s.gcr.io was frozen in 2023: images there get no security fixes. */
export const imageRegistryDeprecated: WorkloadCheck = {
  id: 'image-registry-deprecated',
  title: 'Image from the frozen k8s.gcr.io registry',
  severity: 'medium',
  theme: 'supply',
  description:
    'The Kubernetes project froze k8s.gcr.io in April 2023 and redirects it to registry.k8s.io. Images still pulled from it receive no new releases or security fixes.',
  remediation: 'Replace k8s.gcr.io with registry.k8s.io and move to a supported version of the image.',
  nsa: ['secure-images', 'upgrading'],
  references: ['Kubescape: C-0253', 'https://kubernetes.io/blog/2023/03/10/image-registry-redirect/'],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (typeof container.image !== 'string') continue;
      const successor = DEPRECATED_REGISTRIES.get(imageReferenceIn(inventory, container.image).registry);
      if (successor === undefined) continue;
      violations.push({
        path: [...path, 'image'],
        message: `container "${name}" image "${container.image}" comes from a frozen registry (use ${successor})`,
      });
    }
    return violations;
  },
};
