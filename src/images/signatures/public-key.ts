import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A public key a signature is checked with, and its fingerprint. */
export interface VerificationKey {
  readonly key: KeyObject;
  /** `sha256:<hex>` of the key's DER SubjectPublicKeyInfo. */
  readonly fingerprint: string;
}

/** The key of a PEM public key (`cosign.pub`), or why it is none: ECDSA, RSA and Ed25519 are read. */
export function parsePublicKey(pem: string): VerificationKey | { readonly error: string } {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    return { error: `not a PEM public key: ${(error as Error).message}` };
  }
  const type = key.asymmetricKeyType;
  if (type !== 'ec' && type !== 'rsa' && type !== 'ed25519')
    return { error: `a ${String(type)} key; cosign keys are ECDSA, RSA or Ed25519` };
  const der = key.export({ type: 'spki', format: 'der' });
  return { key, fingerprint: `sha256:${createHash('sha256').update(der).digest('hex')}` };
}

/**
 * Whether `signature` (base64, as in cosign's signature annotation) signs `payload` with `key`:
 * ECDSA (ASN.1 DER) and RSA PKCS #1 v1.5 over SHA-256, Ed25519 over the payload itself, as cosign
 * loads a verifier for a key with SHA-256 (cosign pkg/signature/keys.go, sigstore/sigstore
 * pkg/signature LoadVerifier).
 */
export function verifiesWithKey(key: VerificationKey, payload: Uint8Array, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length === 0) return false;
  try {
    return verify(key.key.asymmetricKeyType === 'ed25519' ? null : 'sha256', payload, key.key, bytes);
  } catch {
    return false;
  }
}
