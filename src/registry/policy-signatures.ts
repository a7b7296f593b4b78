import type { ImagePolicy, SignaturePolicy, SignatureVerifier } from '../images/policy/policy.ts';
import { requirementErrors } from '../images/signatures/verify.ts';
import { readVerificationMaterial } from '../load/verification-material.ts';
import { ConfigError } from '../model/errors.ts';
import type { SignatureRequirement } from '../model/image-signature.ts';
import type { RegistryClient } from './client.ts';
import { verifyImageSignatures } from './verify-images.ts';

/**
 * The signature verifier of an image policy: the keys and trusted roots its rules name, read once
 * (each a regular file of at most `maxBytes`), and an image's cosign signatures, found at `client`'s
 * registries, judged against the requirement of the rule asking. A key or trusted root that cannot
 * be used is a {@link ConfigError} naming the rule. Undefined when no rule requires signatures.
 */
export async function policySignatureVerifier(
  client: RegistryClient,
  policy: ImagePolicy,
  maxBytes: number,
): Promise<SignatureVerifier | undefined> {
  const requirements = new Map<SignaturePolicy, SignatureRequirement>();
  for (const rule of policy.rules) {
    if (rule.signatures === undefined) continue;
    const material = await readVerificationMaterial(rule.signatures, maxBytes);
    const requirement: SignatureRequirement = { ...material, identities: rule.signatures.identities };
    const errors = requirementErrors(requirement, rule.signatures.keys);
    if (errors.length > 0) throw new ConfigError(`${rule.name}.signatures: ${errors.join('; ')}`);
    requirements.set(rule.signatures, requirement);
  }
  if (requirements.size === 0) return undefined;
  return async (reference, digest, signatures) => {
    const requirement = requirements.get(signatures);
    if (requirement === undefined) throw new ConfigError('a signature requirement not in the image policy');
    const { verified, reason } = await verifyImageSignatures(client, reference, digest, requirement);
    return { verified, reason };
  };
}
