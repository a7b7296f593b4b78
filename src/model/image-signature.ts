/**
 * The signatures of an image as a registry holds them, and what verifying them asks for. The
 * registry client (`src/registry/signatures.ts`) finds them; the signatures engine
 * (`src/images/signatures/`) judges them.
 *
 * Models sigstore/cosign: the `sha256-<hex>.sig` tag of a signed image (pkg/oci/remote/remote.go),
 * its simple signing layers and their annotations (pkg/oci/static/options.go, pkg/oci/static/signature.go),
 * and the Sigstore bundles it attaches as OCI 1.1 referrers (pkg/oci/remote/write.go,
 * pkg/cosign/bundle/constants.go).
 */

/** The media type of a cosign simple signing payload layer. */
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** The media type (and referrer artifact type) of a Sigstore bundle v0.3. */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** The annotations cosign puts on a simple signing layer. */
export const COSIGN_ANNOTATIONS = {
  /** The signature over the payload, base64. */
  signature: 'dev.cosignproject.cosign/signature',
  /** The signing certificate (PEM), when signed keyless. */
  certificate: 'dev.sigstore.cosign/certificate',
  /** The certificate's chain up to its root (PEM), when signed keyless. */
  chain: 'dev.sigstore.cosign/chain',
  /** The Rekor bundle: the signed entry timestamp and the entry's payload (JSON). */
  bundle: 'dev.sigstore.cosign/bundle',
} as const;

/** One layer of a cosign signature manifest: a simple signing payload and its annotations. */
export interface SimpleSignature {
  /** Where it was found, e.g. `registry/repo:sha256-….sig layer 0`. */
  readonly origin: string;
  /** The payload bytes, exactly as signed. */
  readonly payload: Uint8Array;
  /** The `dev.cosignproject.cosign/signature` annotation (base64), or undefined when absent. */
  readonly signature: string | undefined;
  readonly certificate?: string | undefined;
  readonly chain?: string | undefined;
  readonly bundle?: string | undefined;
}

/** A Sigstore bundle found as a referrer of the image. */
export interface BundleSignature {
  readonly origin: string;
  /** The bundle's JSON text. */
  readonly bundle: string;
}

/** Everything found for one image digest. */
export interface FoundSignatures {
  readonly simple: readonly SimpleSignature[];
  readonly bundles: readonly BundleSignature[];
  /** Where the search looked and what it could not read (a referrer that is no bundle, a missing blob). */
  readonly notes: readonly string[];
}

/** The identity a keyless signature's certificate must name, as cosign's `--certificate-*` flags. */
export interface CertificateIdentity {
  /** The OIDC issuer, exactly (`--certificate-oidc-issuer`). */
  readonly issuer?: string | undefined;
  /** An RE2 expression the issuer must match, unanchored (`--certificate-oidc-issuer-regexp`). */
  readonly issuerRegExp?: string | undefined;
  /** A subject alternative name, exactly (`--certificate-identity`). */
  readonly subject?: string | undefined;
  /** An RE2 expression one subject alternative name must match, unanchored (`--certificate-identity-regexp`). */
  readonly subjectRegExp?: string | undefined;
}

/** What makes an image's signature acceptable: one of the keys, or a keyless signer of the identities. */
export interface SignatureRequirement {
  /** Public keys (PEM: ECDSA, RSA or Ed25519); a signature by any one of them is accepted. */
  readonly keys?: readonly string[] | undefined;
  /** For keyless signatures: the certificate must name one of these. */
  readonly identities?: readonly CertificateIdentity[] | undefined;
  /** For keyless signatures: a Sigstore `trusted_root.json`, parsed. */
  readonly trustedRoot?: unknown;
}

/** Who made the signature that verified. */
export type Signer =
  | { readonly kind: 'key'; readonly key: number; readonly fingerprint: string }
  | { readonly kind: 'certificate'; readonly subjects: readonly string[]; readonly issuer: string };

/** Whether an image is signed as required, and why (not). */
export interface SignatureVerdict {
  readonly verified: boolean;
  /** One sentence: who signed and where it was found, or why nothing verified. */
  readonly reason: string;
  readonly signer?: Signer | undefined;
  /** Where the signature that verified was found. */
  readonly origin?: string | undefined;
  /** How many signatures were looked at. */
  readonly checked: number;
}
