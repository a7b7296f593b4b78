import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pushReferrer, pushReferrersIndex, pushSignatures } from '../testing/cosign.ts';
import { basicAuth, RegistryPusher, send, startRegistry } from '../testing/registry.ts';
import type { PushedImage, RunningRegistry } from '../testing/registry.ts';
import {
  ecKey,
  imageBundle,
  keylessSignature,
  publicKeyPem,
  simpleSigningPayload,
  testSigstore,
  trustedRootJson,
} from '../testing/sigstore.ts';
import { needs } from '../testing/tools.ts';
import { RegistryClient } from './client.ts';
import { findSignatures } from './signatures.ts';
import { verifyImageSignatures } from './verify-images.ts';

const ISSUER = 'https://accounts.example.com';

// Signatures made by the test in cosign's layouts (see ../testing/cosign.ts), pushed to Debian's
// docker-registry (distribution 2.8), and found and verified through the distribution API.
describe('image signatures in docker-registry', needs('docker-registry', 'htpasswd', 'openssl'), () => {
  let dir: string;
  let registry: RunningRegistry;
  let pusher: RegistryPusher;
  let client: RegistryClient;
  const key = ecKey();
  const sigstore = testSigstore();
  const images: Record<string, PushedImage> = {};

  const keyed = (repository: string, digest: string, payloadDigest = digest, signer = key) => {
    const payload = simpleSigningPayload(`${registry.host}/${repository}`, payloadDigest);
    const signature = sign('sha256', payload, signer.privateKey).toString('base64');
    return pushSignatures(pusher, repository, digest, [
      { payload, annotations: { 'dev.cosignproject.cosign/signature': signature } },
    ]);
  };
  const address = (repository: string) => ({ registry: registry.host, repository });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-signatures-'));
    registry = await startRegistry(join(dir, 'registry'), { kind: 'htpasswd', users: { ci: 'pushpass' } });
    pusher = new RegistryPusher(registry, () => Promise.resolve(basicAuth('ci', 'pushpass')));
    client = new RegistryClient({
      timeoutMs: 5000,
      ca: registry.ca,
      credentials: () => Promise.resolve({ username: 'ci', password: 'pushpass' }),
    });
    for (const name of ['signed', 'unsigned', 'mismatch', 'keyless', 'bundled'])
      images[name] = await pusher.image(`shop/${name}`, '1.0', { 'app.txt': `${name}\n` });
    await keyed('shop/signed', images.signed?.digest ?? '');
    const other = await pusher.image('shop/mismatch', '0.9', { 'app.txt': 'other\n' });
    await keyed('shop/mismatch', images.mismatch?.digest ?? '', other.digest);
    const keyless = images.keyless?.digest ?? '';
    const payload = simpleSigningPayload(`${registry.host}/shop/keyless`, keyless);
    await pushSignatures(pusher, 'shop/keyless', keyless, [
      {
        payload,
        annotations: keylessSignature(sigstore, { email: 'ci@example.com', issuer: ISSUER }, payload),
      },
    ]);
    const bundled = images.bundled;
    assert.ok(bundled);
    const bundle = imageBundle(
      sigstore,
      { uri: 'https://ci.example.com/pipelines/release', issuer: ISSUER },
      bundled.digest,
    );
    await pushReferrersIndex(pusher, 'shop/bundled', bundled, [
      await pushReferrer(
        pusher,
        'shop/bundled',
        bundled,
        'application/spdx+json',
        '{"spdxVersion":"SPDX-2.3"}',
      ),
      await pushReferrer(
        pusher,
        'shop/bundled',
        bundled,
        'application/vnd.dev.sigstore.bundle.v0.3+json',
        bundle,
      ),
    ]);
  });

  after(async () => {
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a key signature pushed at the sha256-<hex>.sig tag', async () => {
    const digest = images.signed?.digest ?? '';
    const verdict = await verifyImageSignatures(client, address('shop/signed'), digest, {
      keys: [publicKeyPem(key.publicKey)],
    });
    assert.equal(verdict.verified, true, verdict.reason);
    assert.equal(verdict.origin, `${registry.host}/shop/signed:${digest.replace(':', '-')}.sig layer 0`);
  });

  it('fails it with another key, saying so', async () => {
    const digest = images.signed?.digest ?? '';
    const verdict = await verifyImageSignatures(client, address('shop/signed'), digest, {
      keys: [publicKeyPem(ecKey().publicKey)],
    });
    assert.equal(
      verdict.reason,
      `no valid signature: ${registry.host}/shop/signed:${digest.replace(':', '-')}.sig layer 0: the signature does not verify with the key given`,
    );
  });

  it('fails a signature whose payload names another digest', async () => {
    const digest = images.mismatch?.digest ?? '';
    const verdict = await verifyImageSignatures(client, address('shop/mismatch'), digest, {
      keys: [publicKeyPem(key.publicKey)],
    });
    assert.equal(verdict.verified, false);
    assert.match(verdict.reason, new RegExp(`the payload signs sha256:[0-9a-f]{64}, not ${digest}$`));
  });

  it('finds nothing for an unsigned image, and says where it looked', async () => {
    const digest = images.unsigned?.digest ?? '';
    const found = await findSignatures(client, address('shop/unsigned'), digest);
    const tag = digest.replace(':', '-');
    assert.deepEqual(found, {
      simple: [],
      bundles: [],
      notes: [
        `no signature tag ${registry.host}/shop/unsigned:${tag}.sig`,
        `${registry.host}/shop/unsigned: no referrers API (404); read the referrers tag ${tag}`,
        `no referrers tag ${registry.host}/shop/unsigned:${tag}`,
      ],
    });
    const verdict = await verifyImageSignatures(client, address('shop/unsigned'), digest, {
      keys: [publicKeyPem(key.publicKey)],
    });
    assert.equal(verdict.reason, `not signed: no cosign signature or Sigstore bundle found for ${digest}`);
  });

  it('has no referrers API in distribution 2.8: GET /v2/<name>/referrers/<digest> answers 404', async () => {
    const digest = images.bundled?.digest ?? '';
    const answer = await send(registry.host, registry.ca, 'GET', `/v2/shop/bundled/referrers/${digest}`, {
      authorization: basicAuth('ci', 'pushpass'),
    });
    assert.equal(answer.status, 404);
  });

  it('verifies a keyless signature by the expected identity, and refuses another identity', async () => {
    const digest = images.keyless?.digest ?? '';
    const trustedRoot = trustedRootJson(sigstore);
    const ok = await verifyImageSignatures(client, address('shop/keyless'), digest, {
      trustedRoot,
      identities: [{ subject: 'ci@example.com', issuer: ISSUER }],
    });
    assert.equal(
      ok.reason,
      `signed by ci@example.com (issuer ${ISSUER}), found at ${registry.host}/shop/keyless:${digest.replace(':', '-')}.sig layer 0`,
    );
    const wrong = await verifyImageSignatures(client, address('shop/keyless'), digest, {
      trustedRoot,
      identities: [{ subjectRegExp: '^release@', issuerRegExp: 'example\\.com' }],
    });
    assert.match(
      wrong.reason,
      /none of the expected identities matched the certificate: it names \[ci@example\.com\] with issuer https:\/\/accounts\.example\.com$/,
    );
  });

  it('finds a Sigstore bundle referrer through the referrers tag schema and verifies it keyless', async () => {
    const digest = images.bundled?.digest ?? '';
    const found = await findSignatures(client, address('shop/bundled'), digest);
    assert.equal(found.bundles.length, 1, 'the SPDX referrer is filtered out by artifact type');
    const verdict = await verifyImageSignatures(client, address('shop/bundled'), digest, {
      trustedRoot: trustedRootJson(sigstore),
      identities: [{ subjectRegExp: '^https://ci\\.example\\.com/', issuer: ISSUER }],
    });
    assert.equal(verdict.verified, true, verdict.reason);
    assert.deepEqual(verdict.signer, {
      kind: 'certificate',
      subjects: ['https://ci.example.com/pipelines/release'],
      issuer: ISSUER,
    });
    assert.equal(verdict.origin, found.bundles[0]?.origin);
    const keyOnly = await verifyImageSignatures(client, address('shop/bundled'), digest, {
      keys: [publicKeyPem(key.publicKey)],
    });
    assert.match(keyOnly.reason, /a Sigstore bundle is verified against a trusted root \(--trusted-root\)$/);
  });
});
