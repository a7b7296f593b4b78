import { createHash, X509Certificate } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import type { Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import type { TrustMaterial } from '@sigstore/verify';
import { isRecord } from '../../model/path.ts';
import type { SimpleSignature } from '../../model/image-signature.ts';
import { subjectAlternativeNames } from './identity.ts';

/** Who a verified keyless signature says signed: the certificate's SANs and OIDC issuer. */
export interface KeylessSigner {
  readonly subjects: readonly string[];
  readonly issuer: string;
}

const materials = new WeakMap<object, TrustMaterial | { readonly error: string }>();

/**
 * The trust material of a Sigstore `trusted_root.json` (protobuf-specs TrustedRoot, parsed JSON):
 * its certificate authorities, transparency logs, CT logs and timestamp authorities, kept per
 * object. Or why it is none.
 */
export function trustMaterialOf(trustedRoot: unknown): TrustMaterial | { readonly error: string } {
  if (!isRecord(trustedRoot)) return { error: 'the trusted root is not a JSON object' };
  const known = materials.get(trustedRoot);
  if (known !== undefined) return known;
  let material: TrustMaterial | { readonly error: string };
  try {
    const root = TrustedRoot.fromJSON(trustedRoot);
    if (root.certificateAuthorities.length === 0 || root.tlogs.length === 0)
      material = { error: 'the trusted root names no certificate authority or no transparency log' };
    else material = toTrustMaterial(root);
  } catch (error) {
    material = { error: `not a Sigstore trusted root: ${(error as Error).message}` };
  }
  materials.set(trustedRoot, material);
  return material;
}

function why(error: unknown): string {
  const { message, cause } = error as Error & { cause?: unknown };
  return cause instanceof Error ? `${message}: ${cause.message}` : message;
}

function leafOf(bundle: Bundle): Uint8Array | undefined {
  const content = bundle.verificationMaterial.content;
  if (content.$case === 'x509CertificateChain') return content.x509CertificateChain.certificates[0]?.rawBytes;
  if (content.$case === 'certificate') return content.certificate.rawBytes;
  return undefined;
}

/**
 * Verifies a Sigstore bundle with `@sigstore/verify` against the trust material: the certificate
 * chains to a trusted CA at the log's time, its SCTs verify against a trusted CT log, each
 * transparency log entry's inclusion (signed entry timestamp, or inclusion proof and checkpoint)
 * verifies against a trusted log and matches the signature, and the signature verifies with the
 * certificate's key over `artifact` (a message signature) or the DSSE envelope's PAE.
 */
export function verifyBundle(
  bundle: Bundle,
  artifact: Buffer | undefined,
  material: TrustMaterial,
): KeylessSigner | { readonly error: string } {
  const leaf = leafOf(bundle);
  if (leaf === undefined) return { error: 'the bundle holds a public key, not a signing certificate' };
  try {
    const signer = new Verifier(material).verify(toSignedEntity(bundle, artifact));
    return {
      subjects: subjectAlternativeNames(leaf),
      issuer: signer.identity?.extensions?.issuer ?? '',
    };
  } catch (error) {
    return { error: why(error) };
  }
}

/** A bundle from its JSON text, or why it is none. */
export function parseBundle(text: string): Bundle | { readonly error: string } {
  try {
    return bundleFromJSON(JSON.parse(text) as unknown);
  } catch (error) {
    return { error: `not a Sigstore bundle: ${why(error)}` };
  }
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * A keyless cosign signature (simple signing layer with its certificate and Rekor bundle
 * annotations) as the Sigstore bundle it amounts to: a message signature over the payload, the
 * certificate, and the Rekor entry with its signed entry timestamp (cosign pkg/cosign/bundle/rekor.go
 * RekorBundle: `SignedEntryTimestamp`, `Payload.{body,integratedTime,logIndex,logID}`).
 */
export function bundleOfSimpleSignature(signature: SimpleSignature): Bundle | { readonly error: string } {
  if (signature.certificate === undefined) return { error: 'no certificate annotation' };
  if (signature.bundle === undefined)
    return { error: 'no Rekor bundle annotation: an offline keyless verification needs one' };
  let der: Buffer;
  try {
    der = new X509Certificate(signature.certificate).raw;
  } catch (error) {
    return { error: `the certificate annotation is no certificate: ${(error as Error).message}` };
  }
  let rekor: unknown;
  try {
    rekor = JSON.parse(signature.bundle);
  } catch {
    return { error: 'the Rekor bundle annotation is not JSON' };
  }
  const payload = isRecord(rekor) && isRecord(rekor.Payload) ? rekor.Payload : undefined;
  if (!isRecord(rekor) || payload === undefined || typeof payload.body !== 'string')
    return { error: 'the Rekor bundle annotation has no Payload.body' };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload.body, 'base64').toString('utf8'));
  } catch {
    return { error: 'the Rekor entry body is not JSON' };
  }
  if (!isRecord(body) || typeof body.kind !== 'string' || typeof body.apiVersion !== 'string')
    return { error: 'the Rekor entry body names no kind and apiVersion' };
  return parseBundle(
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
      verificationMaterial: {
        x509CertificateChain: { certificates: [{ rawBytes: b64(der) }] },
        tlogEntries: [
          {
            logIndex: String(payload.logIndex),
            logId: { keyId: Buffer.from(String(payload.logID), 'hex').toString('base64') },
            kindVersion: { kind: body.kind, version: body.apiVersion },
            integratedTime: String(payload.integratedTime),
            inclusionPromise: { signedEntryTimestamp: String(rekor.SignedEntryTimestamp) },
            canonicalizedBody: payload.body,
          },
        ],
      },
      messageSignature: {
        messageDigest: {
          algorithm: 'SHA2_256',
          digest: createHash('sha256').update(signature.payload).digest('base64'),
        },
        signature: signature.signature ?? '',
      },
    }),
  );
}

/** The in-toto payload type of a DSSE envelope (in-toto/attestation spec v1). */
const IN_TOTO = 'application/vnd.in-toto+json';

/**
 * Why a DSSE bundle's in-toto statement does not name `digest` among its subjects, or undefined
 * when it does: cosign's `IntotoSubjectClaimVerifier` (pkg/cosign/verifiers.go).
 */
export function statementMismatch(bundle: Bundle, digest: string): string | undefined {
  if (bundle.content.$case !== 'dsseEnvelope') return 'the bundle holds no DSSE envelope naming the image';
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO)
    return `the envelope's payload type is ${envelope.payloadType}, not ${IN_TOTO}`;
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
  } catch {
    return 'the in-toto statement is not JSON';
  }
  const subjects = isRecord(statement) && Array.isArray(statement.subject) ? statement.subject : [];
  const [algorithm = '', hex = ''] = digest.split(':');
  const named = subjects.some(
    (subject: unknown) => isRecord(subject) && isRecord(subject.digest) && subject.digest[algorithm] === hex,
  );
  return named ? undefined : `the in-toto statement's subjects do not name ${digest}`;
}
