import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { pushSignatures } from '../testing/cosign.ts';
import { basicAuth, RegistryPusher, startRegistry } from '../testing/registry.ts';
import type { PushedImage, RunningRegistry } from '../testing/registry.ts';
import {
  ecKey,
  keylessSignature,
  publicKeyPem,
  simpleSigningPayload,
  testSigstore,
  trustedRootJson,
} from '../testing/sigstore.ts';
import { needs } from '../testing/tools.ts';

const ISSUER = 'https://token.actions.githubusercontent.com';
const IDENTITY = 'https://github.com/acme/api/.github/workflows/release.yml@refs/tags/v2.1';

interface VerificationJson {
  kind: string;
  images: {
    image: string;
    digest: string | null;
    status: string;
    verified?: boolean;
    reason?: string;
    error?: string;
    signer?: { kind: string; subjects?: string[]; issuer?: string } | null;
    usedBy: { container: string; location: { line: number } }[];
  }[];
}

describe(
  'kubeward images verify against docker-registry',
  needs('docker-registry', 'htpasswd', 'openssl'),
  () => {
    let dir: string;
    let registry: RunningRegistry;
    let env: Record<string, string>;
    let signed: PushedImage;
    let unsigned: PushedImage;
    let keyless: PushedImage;
    let arm: PushedImage;
    const key = ecKey();
    const sigstore = testSigstore();
    const file = (name: string): string => join(dir, name);

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-images-verify-'));
      registry = await startRegistry(join(dir, 'registry'), { kind: 'htpasswd', users: { bob: 'hunter22' } });
      const pusher = new RegistryPusher(registry, () => Promise.resolve(basicAuth('bob', 'hunter22')));
      signed = await pusher.image('team/api', '2.1', { 'srv/api': 'api\n' });
      unsigned = await pusher.image('team/worker', '1.0', { 'srv/worker': 'worker\n' });
      keyless = await pusher.image('team/web', '3.0', { 'srv/web': 'web\n' });
      const amd = await pusher.image('team/multi', undefined, { arch: 'amd64\n' });
      arm = await pusher.image(
        'team/multi',
        undefined,
        { arch: 'arm64\n' },
        { os: 'linux', architecture: 'arm64' },
      );
      await pusher.index('team/multi', '1.0', [
        { image: amd, platform: { os: 'linux', architecture: 'amd64' } },
        { image: arm, platform: { os: 'linux', architecture: 'arm64' } },
      ]);
      for (const [repository, image] of [
        ['team/api', signed],
        ['team/multi', arm],
      ] as const) {
        const payload = simpleSigningPayload(`${registry.host}/${repository}`, image.digest);
        await pushSignatures(pusher, repository, image.digest, [
          {
            payload,
            annotations: {
              'dev.cosignproject.cosign/signature': sign('sha256', payload, key.privateKey).toString(
                'base64',
              ),
            },
          },
        ]);
      }
      const payload = simpleSigningPayload(`${registry.host}/team/web`, keyless.digest);
      await pushSignatures(pusher, 'team/web', keyless.digest, [
        { payload, annotations: keylessSignature(sigstore, { uri: IDENTITY, issuer: ISSUER }, payload) },
      ]);
      mkdirSync(file('docker'));
      writeFileSync(
        join(file('docker'), 'config.json'),
        JSON.stringify({
          auths: { [registry.host]: { auth: Buffer.from('bob:hunter22').toString('base64') } },
        }),
      );
      writeFileSync(file('ca.crt'), registry.ca);
      env = { DOCKER_CONFIG: file('docker'), NODE_EXTRA_CA_CERTS: file('ca.crt') };
      writeFileSync(file('cosign.pub'), publicKeyPem(key.publicKey));
      writeFileSync(file('other.pub'), publicKeyPem(ecKey().publicKey));
      writeFileSync(file('trusted_root.json'), JSON.stringify(trustedRootJson(sigstore)));
      const pod = (name: string, images: readonly string[]): string =>
        [
          'apiVersion: v1',
          'kind: Pod',
          `metadata: {name: ${name}, namespace: team}`,
          'spec:',
          '  containers:',
          ...images.flatMap((image, index) => [`    - name: c${String(index)}`, `      image: ${image}`]),
          '',
        ].join('\n');
      writeFileSync(file('signed.yaml'), pod('signed', [`${registry.host}/team/api:2.1`]));
      writeFileSync(
        file('mixed.yaml'),
        pod('mixed', [`${registry.host}/team/api@${signed.digest}`, `${registry.host}/team/worker:1.0`]),
      );
      writeFileSync(file('keyless.yaml'), pod('keyless', [`${registry.host}/team/web:3.0`]));
      writeFileSync(file('multi.yaml'), pod('multi', [`${registry.host}/team/multi:1.0`]));
      writeFileSync(file('gone.yaml'), pod('gone', [`${registry.host}/team/gone:1.0`]));
    });

    after(async () => {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const json = (
      args: readonly string[],
    ): { status: number | null; result: VerificationJson; stderr: string } => {
      const run = runCli(['images', 'verify', ...args, '-o', 'json'], { env });
      return {
        status: run.status,
        result: JSON.parse(run.stdout || '{}') as VerificationJson,
        stderr: run.stderr,
      };
    };

    it('exits 0 when every image is signed by the key, naming the digest its tag points to', () => {
      const run = runCli(['images', 'verify', file('signed.yaml'), '--key', file('cosign.pub')], { env });
      assert.equal(run.status, 0, run.stderr);
      const line = run.stdout.split('\n')[1]?.replace(/ +/g, ' ');
      assert.match(
        line ?? '',
        new RegExp(
          `^${registry.host}/team/api:2\\.1 ${signed.digest} VERIFIED signed by key 1 \\(sha256:[0-9a-f]{64}\\), found at `,
        ),
      );
    });

    it('exits 1 when one image is unsigned, and says which, located at its field', () => {
      const { status, result } = json([file('mixed.yaml'), '--key', file('cosign.pub')]);
      assert.equal(status, 1);
      assert.deepEqual(
        result.images.map((image) => [image.image, image.status, image.usedBy[0]?.location.line]),
        [
          [`${registry.host}/team/api@${signed.digest}`, 'verified', 7],
          [`${registry.host}/team/worker:1.0`, 'failed', 9],
        ],
      );
      assert.equal(
        result.images[1]?.reason,
        `not signed: no cosign signature or Sigstore bundle found for ${unsigned.digest}`,
      );
    });

    it('exits 1 for a signature by another key', () => {
      const { status, result } = json([file('signed.yaml'), '--key', file('other.pub')]);
      assert.equal(status, 1);
      assert.match(result.images[0]?.reason ?? '', /: the signature does not verify with the key given$/);
    });

    it('verifies keyless signatures against the trusted root and the identity, and fails another identity', () => {
      const base = [file('keyless.yaml'), '--trusted-root', file('trusted_root.json')];
      const ok = json([...base, '--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER]);
      assert.equal(ok.status, 0, ok.stderr);
      assert.deepEqual(ok.result.images[0]?.signer, {
        kind: 'certificate',
        subjects: [IDENTITY],
        issuer: ISSUER,
      });
      const wrong = json([
        ...base,
        '--certificate-identity-regexp',
        '^https://github\\.com/evil/',
        '--certificate-oidc-issuer',
        ISSUER,
      ]);
      assert.equal(wrong.status, 1);
      assert.match(
        wrong.result.images[0]?.reason ?? '',
        new RegExp(
          `none of the expected identities matched the certificate: it names \\[${IDENTITY.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\] with issuer`,
        ),
      );
    });

    it('verifies the image an unsigned index holds for --platform', () => {
      const arm64 = json([file('multi.yaml'), '--key', file('cosign.pub'), '--platform', 'linux/arm64']);
      assert.equal(arm64.status, 0, arm64.stderr);
      assert.equal(arm64.result.images[0]?.digest, arm.digest);
      const amd64 = json([file('multi.yaml'), '--key', file('cosign.pub'), '--platform', 'linux/amd64']);
      assert.equal(amd64.status, 1);
      assert.match(amd64.result.images[0]?.reason ?? '', /^not signed: /);
    });

    it('exits 2 when a registry cannot say what a tag points to', () => {
      const { status, result } = json([file('gone.yaml'), '--key', file('cosign.pub')]);
      assert.equal(status, 2);
      assert.equal(
        result.images[0]?.error,
        `${registry.host}/team/gone manifests/1.0: not found (404): MANIFEST_UNKNOWN: manifest unknown`,
      );
    });

    it('gives scan --images --key a finding for each image not signed as required, at its field', () => {
      const run = runCli(
        [
          'scan',
          file('mixed.yaml'),
          '--images',
          '--key',
          file('cosign.pub'),
          '--check',
          'image-signature-unverified',
          '-o',
          'json',
        ],
        { env },
      );
      assert.equal(run.status, 1, run.stderr);
      const report = JSON.parse(run.stdout) as {
        findings: {
          check: string;
          severity: string;
          field: string;
          location: { line: number };
          message: string;
        }[];
      };
      assert.deepEqual(
        report.findings.map((finding) => [
          finding.check,
          finding.severity,
          finding.field,
          finding.location.line,
          finding.message,
        ]),
        [
          [
            'image-signature-unverified',
            'high',
            'spec.containers[1].image',
            9,
            `container "c1" image "${registry.host}/team/worker:1.0" is not signed as required: not signed: no cosign signature or Sigstore bundle found for ${unsigned.digest}`,
          ],
        ],
      );
      const withoutImages = runCli(['scan', file('mixed.yaml'), '--key', file('cosign.pub')], { env });
      assert.equal(withoutImages.status, 2);
      assert.match(
        withoutImages.stderr,
        /--key and --trusted-root verify the signatures of the images: add --images/,
      );
    });

    it('refuses unusable verification input with exit 2 and a clear message', () => {
      const none = runCli(['images', 'verify', file('signed.yaml')], { env });
      assert.equal(none.status, 2);
      assert.match(
        none.stderr,
        /nothing to verify against: give a public key \(--key\) or a trusted root \(--trusted-root\)/,
      );
      writeFileSync(file('bad.pub'), 'not a key\n');
      const bad = runCli(['images', 'verify', file('signed.yaml'), '--key', file('bad.pub')], { env });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, new RegExp(`${file('bad.pub').replace(/[.]/g, '\\.')}: not a PEM public key`));
      const identityAlone = runCli(
        ['images', 'verify', file('signed.yaml'), '--certificate-identity', IDENTITY],
        { env },
      );
      assert.equal(identityAlone.status, 2);
      assert.match(
        identityAlone.stderr,
        /--certificate-identity and --certificate-oidc-issuer verify keyless signatures: add --trusted-root FILE/,
      );
      writeFileSync(file('root.json'), '{"tlogs": [');
      const root = runCli(['images', 'verify', file('signed.yaml'), '--trusted-root', file('root.json')], {
        env,
      });
      assert.equal(root.status, 2);
      assert.match(root.stderr, new RegExp(`${file('root.json').replace(/[.]/g, '\\.')}: not JSON: `));
    });
  },
);
