import { containersOf } from '../../model/containers.ts';
import { parseImageReference } from '../../model/image.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/**
 * True when the image matches one of the allowed prefixes, either as written or in its fully
 * qualified form (`nginx` is `docker.io/library/nginx`).
 */
export function isAllowedImage(image: string, allowed: readonly string[]): boolean {
  const reference = parseImageReference(image);
  const qualified = `${reference.registry}/${reference.repository}`;
  return allowed.some((prefix) => image.startsWith(prefix) || qualified.startsWith(prefix));
}

/** Images from registries outside the allowlist escape the organisation's scanning and signing. */
export const imageRegistryNotAllowed: WorkloadCheck = {
  id: 'image-registry-not-allowed',
  title: 'Image from a registry that is not allowed',
  severity: 'high',
  theme: 'supply',
  description:
    'The image comes from a registry that is not in settings.allowedRegistries. Images from elsewhere skip the scanning, signing and retention of the trusted registries, and typosquatted public images are a common way in. A prefix matches the image as written or fully qualified (nginx is docker.io/library/nginx). With an empty list (the default) the check reports nothing.',
  remediation:
    'Mirror the image into an allowed registry and reference it from there, or add the registry to settings.allowedRegistries in .kubeward.yaml.',
  nsa: ['secure-images'],
  mitre: ['T1204.003'],
  references: [
    'Trivy: KSV032',
    'Trivy: KSV033',
    'Trivy: KSV034',
    'Trivy: KSV035',
    'Trivy: KSV125',
    'Kubescape: C-0001',
    'Kubescape: C-0078',
  ],
  target: 'workload',
  run(workload, { settings }): Violation[] {
    const violations: Violation[] = [];
    if (settings.allowedRegistries.length === 0) return violations;
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (typeof container.image !== 'string' || container.image === '') continue;
      if (isAllowedImage(container.image, settings.allowedRegistries)) continue;
      violations.push({
        path: [...path, 'image'],
        message: `container "${name}" image "${container.image}" is not from an allowed registry (${settings.allowedRegistries.join(', ')})`,
      });
    }
    return violations;
  },
};
