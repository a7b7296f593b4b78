import type {
  FoundSignatures,
  SignatureRequirement,
  SignatureVerdict,
  Signer,
  SimpleSignature,
} from '../../model/image-signature.ts';
import { identityError, matchesIdentity } from './identity.ts';
import type { TrustMaterial } from '@sigstore/verify';
import {
  bundleOfSimpleSignature,
  parseBundle,
  statementMismatch,
  trustMaterialOf,
  verifyBundle,
} from './keyless.ts';
import { claimMismatch, parseSimpleSigning } from './payload.ts';
import { parsePublicKey, verifiesWithKey } from './public-key.ts';
import type { VerificationKey } from './public-key.ts';

/**
 * Why a requirement cannot be used, one message per problem (none: usable): a key that is no
 * public key, a trusted root that is none, keyless verification without an identity that names both
 * a subject and an issuer (cosign refuses keyless verification without `--certificate-identity[-regexp]`
 * and `--certificate-oidc-issuer[-regexp]`: cmd/cosign/cli/options/certificate.go), or neither
 * keys nor a trusted root. Keys are named by `keyNames` (their files), else by their place.
 */
export function requirementErrors(
  requirement: SignatureRequirement,
  keyNames: readonly string[] = [],
): string[] {
  const errors: string[] = [];
  const keys = requirement.keys ?? [];
  keys.forEach((pem, index) => {
    const key = parsePublicKey(pem);
    if ('error' in key) errors.push(`${keyNames[index] ?? `key ${String(index + 1)}`}: ${key.error}`);
  });
  if (requirement.trustedRoot !== undefined) {
    const material = trustMaterialOf(requirement.trustedRoot);
    if ('error' in material) errors.push(material.error);
    const identities = requirement.identities ?? [];
    if (identities.length === 0)
      errors.push(
        'keyless verification needs the identity to expect: --certificate-identity or --certificate-identity-regexp, and --certificate-oidc-issuer or --certificate-oidc-issuer-regexp',
      );
    for (const identity of identities) {
      if (!identity.subject && !identity.subjectRegExp)
        errors.push(
          '--certificate-identity or --certificate-identity-regexp is required for keyless verification',
        );
      if (!identity.issuer && !identity.issuerRegExp)
        errors.push(
          '--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for keyless verification',
        );
      const invalid = identityError(identity);
      if (invalid !== undefined) errors.push(invalid);
    }
  }
  if (keys.length === 0 && requirement.trustedRoot === undefined)
    errors.push('nothing to verify against: give a public key (--key) or a trusted root (--trusted-root)');
  return errors;
}

type Outcome = { readonly signer: Signer } | { readonly error: string };

function describeSigner(signer: Signer): string {
  return signer.kind === 'key'
    ? `key ${String(signer.key + 1)} (${signer.fingerprint})`
    : `${signer.subjects.join(', ')} (issuer ${signer.issuer})`;
}

function keyless(
  verified: ReturnType<typeof verifyBundle>,
  requirement: SignatureRequirement,
  claims: () => string | undefined,
): Outcome {
  if ('error' in verified) return { error: verified.error };
  if (!matchesIdentity(requirement.identities ?? [], verified.subjects, verified.issuer))
    return {
      error: `none of the expected identities matched the certificate: it names [${verified.subjects.join(', ')}] with issuer ${verified.issuer}`,
    };
  const mismatch = claims();
  if (mismatch !== undefined) return { error: mismatch };
  return { signer: { kind: 'certificate', subjects: verified.subjects, issuer: verified.issuer } };
}

function checkSimple(
  signature: SimpleSignature,
  digest: string,
  keys: readonly VerificationKey[],
  material: TrustMaterial | undefined,
  requirement: SignatureRequirement,
): Outcome {
  if (signature.signature === undefined || signature.signature === '')
    return { error: 'no dev.cosignproject.cosign/signature annotation' };
  const claims = parseSimpleSigning(signature.payload);
  const claimsError = (): string | undefined =>
    'error' in claims ? claims.error : claimMismatch(claims, digest);
  const errors: string[] = [];
  const index = keys.findIndex((key) => verifiesWithKey(key, signature.payload, signature.signature ?? ''));
  const key = keys[index];
  if (key !== undefined) {
    const mismatch = claimsError();
    if (mismatch === undefined) return { signer: { kind: 'key', key: index, fingerprint: key.fingerprint } };
    errors.push(mismatch);
  } else if (keys.length > 0)
    errors.push(`the signature does not verify with the key${keys.length > 1 ? 's' : ''} given`);
  if (material !== undefined) {
    const bundle = bundleOfSimpleSignature(signature);
    const outcome =
      'error' in bundle
        ? { error: bundle.error }
        : keyless(verifyBundle(bundle, Buffer.from(signature.payload), material), requirement, claimsError);
    if ('signer' in outcome) return outcome;
    if (keys.length === 0 || signature.certificate !== undefined) errors.push(outcome.error);
  }
  return { error: errors.join('; ') };
}

/**
 * Whether the signatures found for an image verify as `requirement` asks, as `cosign verify` does:
 * a simple signing signature by one of the keys, or keyless (its certificate and Rekor bundle, or a
 * Sigstore bundle referrer) through `@sigstore/verify` against the trusted root, its certificate
 * naming one of the identities; and in either case the payload (or in-toto statement) naming
 * `digest`. One verified signature is enough; the verdict says which, or why each failed.
 * The requirement is assumed usable ({@link requirementErrors}).
 */
export function verifyFoundSignatures(
  found: FoundSignatures,
  digest: string,
  requirement: SignatureRequirement,
): SignatureVerdict {
  const keys = (requirement.keys ?? []).flatMap((pem) => {
    const key = parsePublicKey(pem);
    return 'error' in key ? [] : [key];
  });
  const trust = requirement.trustedRoot === undefined ? undefined : trustMaterialOf(requirement.trustedRoot);
  const material = trust === undefined || 'error' in trust ? undefined : trust;
  const failures: string[] = [];
  const checked = found.simple.length + found.bundles.length;
  const success = (signer: Signer, origin: string): SignatureVerdict => ({
    verified: true,
    reason: `signed by ${describeSigner(signer)}, found at ${origin}`,
    signer,
    origin,
    checked,
  });
  for (const signature of found.simple) {
    const outcome = checkSimple(signature, digest, keys, material, requirement);
    if ('signer' in outcome) return success(outcome.signer, signature.origin);
    failures.push(`${signature.origin}: ${outcome.error}`);
  }
  for (const candidate of found.bundles) {
    if (material === undefined) {
      failures.push(
        `${candidate.origin}: a Sigstore bundle is verified against a trusted root (--trusted-root)`,
      );
      continue;
    }
    const bundle = parseBundle(candidate.bundle);
    const outcome =
      'error' in bundle
        ? { error: bundle.error }
        : keyless(verifyBundle(bundle, undefined, material), requirement, () =>
            statementMismatch(bundle, digest),
          );
    if ('signer' in outcome) return success(outcome.signer, candidate.origin);
    failures.push(`${candidate.origin}: ${outcome.error}`);
  }
  return {
    verified: false,
    reason:
      checked === 0
        ? `not signed: no cosign signature or Sigstore bundle found for ${digest}`
        : `no valid signature: ${failures.join('; ')}`,
    checked,
  };
}
