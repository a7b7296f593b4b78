import { isRecord } from '../../model/path.ts';

/** The claims of a cosign simple signing payload (sigstore/sigstore pkg/signature/payload: SimpleContainerImage). */
export interface SimpleSigningClaims {
  /** `critical.image.docker-manifest-digest`. */
  readonly digest: string;
  /** `critical.identity.docker-reference`: the repository the signer named; reported, not enforced, as cosign does. */
  readonly reference: string | undefined;
  /** `critical.type`, `cosign container image signature` for a signature. */
  readonly type: string | undefined;
}

/** The claims of a payload, or why it is none. */
export function parseSimpleSigning(payload: Uint8Array): SimpleSigningClaims | { readonly error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return { error: 'the payload is not JSON' };
  }
  const critical = isRecord(parsed) ? parsed.critical : undefined;
  if (!isRecord(critical)) return { error: 'the payload has no critical section' };
  const image = isRecord(critical.image) ? critical.image : {};
  const identity = isRecord(critical.identity) ? critical.identity : {};
  const digest = image['docker-manifest-digest'];
  const reference = identity['docker-reference'];
  return {
    digest: typeof digest === 'string' ? digest : '',
    reference: typeof reference === 'string' ? reference : undefined,
    type: typeof critical.type === 'string' ? critical.type : undefined,
  };
}

/**
 * Why the payload's claims do not cover `digest`, or undefined when they do: cosign's
 * `SimpleClaimVerifier` (pkg/cosign/verifiers.go) compares the manifest digest only; the
 * docker-reference is not compared, so a signature copied with its image to another registry holds.
 */
export function claimMismatch(claims: SimpleSigningClaims, digest: string): string | undefined {
  return claims.digest === digest
    ? undefined
    : `the payload signs ${claims.digest === '' ? 'no digest' : claims.digest}, not ${digest}`;
}
