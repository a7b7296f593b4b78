import { containersOf } from '../../model/containers.ts';
import type { Violation, WorkloadCheck } from '../../model/check.ts';
import type { SignatureVerdict } from '../../model/image-signature.ts';

/** The id of the check {@link imageSignatureUnverified} makes. */
export const IMAGE_SIGNATURE_UNVERIFIED = 'image-signature-unverified';

/**
 * The check `scan --images` adds when given a key or a trusted root: a container whose image
 * (as written) has a failed verdict in `verdicts` is a finding, with the verdict's reason. Images
 * without a verdict (not asked, or the registry could not be read) give none. It is made per scan
 * from the verdicts the registry gave, so it is not in the catalogue.
 */
export function imageSignatureUnverified(verdicts: ReadonlyMap<string, SignatureVerdict>): WorkloadCheck {
  return {
    id: IMAGE_SIGNATURE_UNVERIFIED,
    title: 'Image not signed as required',
    severity: 'high',
    theme: 'supply',
    description:
      'The image has no cosign signature that verifies with the keys, or keyless against the trusted root and identities, the scan was given (scan --images with --key or --trusted-root): nothing proves it was built and published by whom the cluster trusts.',
    remediation:
      'Sign the image digest with cosign (cosign sign --key, or keyless in CI) and reference the digest signed, or fix the key, trusted root or identity expected.',
    nsa: ['secure-images'],
    mitre: ['T1525', 'T1204.003'],
    references: ['Sigstore policy-controller: ClusterImagePolicy', 'Kyverno: verifyImages'],
    target: 'workload',
    run(workload): Violation[] {
      const violations: Violation[] = [];
      for (const { container, path, name } of containersOf(workload.podSpec)) {
        if (typeof container.image !== 'string') continue;
        const verdict = verdicts.get(container.image);
        if (verdict === undefined || verdict.verified) continue;
        violations.push({
          path: [...path, 'image'],
          message: `container "${name}" image "${container.image}" is not signed as required: ${verdict.reason}`,
        });
      }
      return violations;
    },
  };
}
