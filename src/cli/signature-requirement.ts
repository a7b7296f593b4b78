import { requirementErrors } from '../images/signatures/verify.ts';
import { readVerificationMaterial } from '../load/verification-material.ts';
import { UsageError } from '../model/errors.ts';
import type { SignatureRequirement } from '../model/image-signature.ts';
import type { SignatureFlags } from './commands/signature-options.ts';

/**
 * The signature requirement the flags give: the keys and trusted root read, and the identity of
 * cosign's flags. Unusable (a key that is no public key, keyless without an identity): a
 * {@link UsageError} listing every problem.
 */
export async function signatureRequirement(
  flags: SignatureFlags,
  maxFileSize: number,
): Promise<SignatureRequirement> {
  const material = await readVerificationMaterial(
    { keys: flags.key, trustedRoot: flags.trustedRoot },
    maxFileSize,
  );
  const identity = {
    subject: flags.certificateIdentity,
    subjectRegExp: flags.certificateIdentityRegexp,
    issuer: flags.certificateOidcIssuer,
    issuerRegExp: flags.certificateOidcIssuerRegexp,
  };
  const keyless = Object.values(identity).some((value) => value !== undefined);
  if (keyless && flags.trustedRoot === undefined)
    throw new UsageError(
      '--certificate-identity and --certificate-oidc-issuer verify keyless signatures: add --trusted-root FILE',
    );
  const requirement: SignatureRequirement = {
    keys: material.keys,
    ...(material.trustedRoot === undefined
      ? {}
      : { trustedRoot: material.trustedRoot, identities: keyless ? [identity] : [] }),
  };
  const errors = requirementErrors(requirement, flags.key);
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  return requirement;
}
