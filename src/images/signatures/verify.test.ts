import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import type { FoundSignatures, SignatureRequirement } from '../../model/image-signature.ts';
import {
  ecKey,
  imageBundle,
  keylessSignature,
  publicKeyPem,
  simpleSigningPayload,
  testSigstore,
  trustedRootJson,
} from '../../testing/sigstore.ts';
import { matchesIdentity } from './identity.ts';
import { requirementErrors, verifyFoundSignatures } from './verify.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;
const ISSUER = 'https://token.actions.githubusercontent.com';
const ORIGIN = 'reg/app:sha256-x.sig layer 0';

const simple = (payload: Buffer, annotations: Record<string, string>): FoundSignatures => ({
  simple: [
    {
      origin: ORIGIN,
      payload,
      signature: annotations['dev.cosignproject.cosign/signature'],
      certificate: annotations['dev.sigstore.cosign/certificate'],
      chain: annotations['dev.sigstore.cosign/chain'],
      bundle: annotations['dev.sigstore.cosign/bundle'],
    },
  ],
  bundles: [],
  notes: [],
});

// cosign signs the simple signing payload with the key (ECDSA over SHA-256, RSA PKCS #1 v1.5,
// Ed25519): cosign pkg/signature/keys.go; the payload layout is sigstore/sigstore SimpleContainerImage.
describe('key-based signatures', () => {
  const payload = simpleSigningPayload('reg/app', DIGEST);
  for (const [type, pair, hash] of [
    ['ECDSA P-256', ecKey(), 'sha256'],
    ['RSA', generateKeyPairSync('rsa', { modulusLength: 2048 }), 'sha256'],
    ['Ed25519', generateKeyPairSync('ed25519'), null],
  ] as const) {
    it(`verifies an ${type} signature over the payload and its digest claim`, () => {
      const signature = sign(hash, payload, pair.privateKey).toString('base64');
      const found = simple(payload, { 'dev.cosignproject.cosign/signature': signature });
      const verdict = verifyFoundSignatures(found, DIGEST, { keys: [publicKeyPem(pair.publicKey)] });
      assert.equal(verdict.verified, true, verdict.reason);
      assert.match(
        verdict.reason,
        /^signed by key 1 \(sha256:[0-9a-f]{64}\), found at reg\/app:sha256-x\.sig layer 0$/,
      );
    });
  }

  it('fails a signature made by another key, naming where it was found', () => {
    const signature = sign('sha256', payload, ecKey().privateKey).toString('base64');
    const verdict = verifyFoundSignatures(
      simple(payload, { 'dev.cosignproject.cosign/signature': signature }),
      DIGEST,
      {
        keys: [publicKeyPem(ecKey().publicKey)],
      },
    );
    assert.deepEqual(verdict, {
      verified: false,
      reason: `no valid signature: ${ORIGIN}: the signature does not verify with the key given`,
      checked: 1,
    });
  });

  it('fails a good signature of a payload naming another digest', () => {
    const key = ecKey();
    const other = simpleSigningPayload('reg/app', OTHER);
    const signature = sign('sha256', other, key.privateKey).toString('base64');
    const verdict = verifyFoundSignatures(
      simple(other, { 'dev.cosignproject.cosign/signature': signature }),
      DIGEST,
      {
        keys: [publicKeyPem(key.publicKey)],
      },
    );
    assert.equal(verdict.reason, `no valid signature: ${ORIGIN}: the payload signs ${OTHER}, not ${DIGEST}`);
  });

  it('does not compare the docker-reference: a signature copied with its image to another registry holds', () => {
    const key = ecKey();
    const mirrored = simpleSigningPayload('mirror.example.com/copy/of-app', DIGEST);
    const signature = sign('sha256', mirrored, key.privateKey).toString('base64');
    const verdict = verifyFoundSignatures(
      simple(mirrored, { 'dev.cosignproject.cosign/signature': signature }),
      DIGEST,
      { keys: [publicKeyPem(key.publicKey)] },
    );
    assert.equal(verdict.verified, true, verdict.reason);
  });

  it('says an image without signatures is not signed', () => {
    const verdict = verifyFoundSignatures({ simple: [], bundles: [], notes: [] }, DIGEST, {
      keys: [publicKeyPem(ecKey().publicKey)],
    });
    assert.deepEqual(verdict, {
      verified: false,
      reason: `not signed: no cosign signature or Sigstore bundle found for ${DIGEST}`,
      checked: 0,
    });
  });
});

describe('keyless signatures through @sigstore/verify', () => {
  const sigstore = testSigstore();
  const trustedRoot = trustedRootJson(sigstore);
  const identity = { email: 'release@example.com', issuer: ISSUER };
  const requirement: SignatureRequirement = {
    trustedRoot,
    identities: [{ subject: 'release@example.com', issuer: ISSUER }],
  };
  const payload = simpleSigningPayload('reg/app', DIGEST);

  it('verifies a cosign keyless signature: certificate chain, SCT, Rekor SET, identity and digest', () => {
    const verdict = verifyFoundSignatures(
      simple(payload, keylessSignature(sigstore, identity, payload)),
      DIGEST,
      requirement,
    );
    assert.equal(verdict.verified, true, verdict.reason);
    assert.equal(verdict.reason, `signed by release@example.com (issuer ${ISSUER}), found at ${ORIGIN}`);
    assert.deepEqual(verdict.signer, {
      kind: 'certificate',
      subjects: ['release@example.com'],
      issuer: ISSUER,
    });
  });

  it('refuses a signer whose identity is not the one expected, as cosign words it', () => {
    const verdict = verifyFoundSignatures(
      simple(payload, keylessSignature(sigstore, { email: 'intruder@example.com', issuer: ISSUER }, payload)),
      DIGEST,
      requirement,
    );
    assert.equal(
      verdict.reason,
      `no valid signature: ${ORIGIN}: none of the expected identities matched the certificate: it names [intruder@example.com] with issuer ${ISSUER}`,
    );
  });

  it('refuses a certificate from a CA the trusted root does not name', () => {
    const stranger = testSigstore();
    const verdict = verifyFoundSignatures(
      simple(payload, keylessSignature(stranger, identity, payload)),
      DIGEST,
      requirement,
    );
    assert.equal(verdict.verified, false);
    assert.match(verdict.reason, /Failed to verify certificate chain/);
  });

  it('refuses a Rekor bundle whose signed entry timestamp the log did not make', () => {
    const annotations = keylessSignature(sigstore, identity, payload);
    const rekor = JSON.parse(annotations['dev.sigstore.cosign/bundle'] ?? '') as {
      SignedEntryTimestamp: string;
    };
    const forged = {
      ...rekor,
      SignedEntryTimestamp: sign('sha256', Buffer.from('x'), ecKey().privateKey).toString('base64'),
    };
    const verdict = verifyFoundSignatures(
      simple(payload, { ...annotations, 'dev.sigstore.cosign/bundle': JSON.stringify(forged) }),
      DIGEST,
      requirement,
    );
    assert.equal(verdict.reason, `no valid signature: ${ORIGIN}: inclusion promise could not be verified`);
  });

  it('refuses a keyless signature without its Rekor bundle: offline verification needs one', () => {
    const annotations = keylessSignature(sigstore, identity, payload);
    const withoutBundle = Object.fromEntries(
      Object.entries(annotations).filter(([name]) => name !== 'dev.sigstore.cosign/bundle'),
    );
    const verdict = verifyFoundSignatures(simple(payload, withoutBundle), DIGEST, requirement);
    assert.equal(
      verdict.reason,
      `no valid signature: ${ORIGIN}: no Rekor bundle annotation: an offline keyless verification needs one`,
    );
  });

  it('verifies a Sigstore bundle (DSSE in-toto statement) naming the digest, and refuses one naming another', () => {
    const bundle = { origin: 'reg/app@sha256:ref', bundle: imageBundle(sigstore, identity, DIGEST) };
    const ok = verifyFoundSignatures({ simple: [], bundles: [bundle], notes: [] }, DIGEST, requirement);
    assert.equal(ok.verified, true, ok.reason);
    assert.equal(ok.origin, 'reg/app@sha256:ref');
    const wrong = verifyFoundSignatures({ simple: [], bundles: [bundle], notes: [] }, OTHER, requirement);
    assert.equal(
      wrong.reason,
      `no valid signature: reg/app@sha256:ref: the in-toto statement's subjects do not name ${OTHER}`,
    );
  });
});

// cosign pkg/cosign/verify.go CheckCertificatePolicy: regexps unanchored (Go regexp.MatchString).
describe('identity matching as cosign does it', () => {
  const subjects = ['https://github.com/org/repo/.github/workflows/release.yml@refs/heads/main'];
  it('matches exact values, unanchored expressions, and any value of an absent constraint', () => {
    assert.equal(matchesIdentity([{ subject: subjects[0], issuer: ISSUER }], subjects, ISSUER), true);
    assert.equal(
      matchesIdentity([{ subjectRegExp: 'github\\.com/org/', issuerRegExp: 'actions' }], subjects, ISSUER),
      true,
    );
    assert.equal(matchesIdentity([{ subjectRegExp: '^github' }], subjects, ISSUER), false);
    assert.equal(matchesIdentity([{ subject: 'github.com/org/repo' }], subjects, ISSUER), false);
    assert.equal(
      matchesIdentity([{ issuer: 'https://accounts.google.com' }, { issuer: ISSUER }], subjects, ISSUER),
      true,
    );
  });

  it('refuses unusable requirements with cosign-like messages', () => {
    assert.deepEqual(requirementErrors({}), [
      'nothing to verify against: give a public key (--key) or a trusted root (--trusted-root)',
    ]);
    assert.deepEqual(
      requirementErrors({ keys: ['nope'] }).map((error) => error.slice(0, 26)),
      ['key 1: not a PEM public ke'],
    );
    assert.deepEqual(
      requirementErrors({
        trustedRoot: trustedRootJson(testSigstore()),
        identities: [{ subjectRegExp: '(' }],
      }),
      [
        '--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required for keyless verification',
        '--certificate-identity-regexp "(": error parsing regexp: missing closing ): `(`',
      ],
    );
  });
});
