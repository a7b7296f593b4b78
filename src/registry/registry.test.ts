import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerCredentials } from '../load/docker-credentials.ts';
import type { RegistryCredentials } from '../load/docker-credentials.ts';
import {
  basicAuth,
  registryPki,
  RegistryPusher,
  send,
  startFaultyProxy,
  startRegistry,
} from '../testing/registry.ts';
import { startTokenServer } from '../testing/token-server.ts';
import type { RunningTokenServer } from '../testing/token-server.ts';
import type { PushedImage, RunningRegistry } from '../testing/registry.ts';
import { needs } from '../testing/tools.ts';
import { RegistryClient } from './client.ts';
import type { RegistryOptions } from './client.ts';
import { registryImageSource } from './source.ts';
import { fetchManifest, resolveTag } from './resolve.ts';

const USER = 'alice';
const PASSWORD = 's3cret-Pa55';

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

// A real registry: Debian's docker-registry (distribution 2.8) with TLS from a test CA and
// htpasswd (bcrypt) users, images pushed by the test through the distribution API.
describe(
  'RegistryClient against docker-registry (TLS, htpasswd)',
  needs('docker-registry', 'htpasswd', 'openssl'),
  () => {
    let dir: string;
    let registry: RunningRegistry;
    let single: PushedImage;
    let amd64: PushedImage;
    let arm64: PushedImage;
    let indexDigest: string;
    const creds = (): Promise<RegistryCredentials> => Promise.resolve({ username: USER, password: PASSWORD });
    const client = (options: Partial<RegistryOptions> = {}): RegistryClient =>
      new RegistryClient({
        timeoutMs: 5000,
        ca: registry.ca,
        credentials: creds,
        retryDelayMs: 10,
        ...options,
      });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-registry-'));
      registry = await startRegistry(join(dir, 'registry'), {
        kind: 'htpasswd',
        users: { [USER]: PASSWORD },
      });
      const pusher = new RegistryPusher(registry, () => Promise.resolve(basicAuth(USER, PASSWORD)));
      single = await pusher.image('shop/app', '1.0', { 'etc/os-release': 'ID=test\n' });
      amd64 = await pusher.image('shop/multi', undefined, { 'arch.txt': 'amd64\n' });
      arm64 = await pusher.image(
        'shop/multi',
        undefined,
        { 'arch.txt': 'arm64\n' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      );
      indexDigest = await pusher.index('shop/multi', '2.0', [
        { image: amd64, platform: { os: 'linux', architecture: 'amd64' } },
        { image: arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ]);
    });

    after(async () => {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('resolves a tag to the digest of the manifest pushed', async () => {
      const resolved = await resolveTag(client(), {
        registry: registry.host,
        repository: 'shop/app',
        reference: '1.0',
      });
      assert.equal(resolved.digest, single.digest);
      assert.equal(resolved.mediaType, 'application/vnd.oci.image.manifest.v1+json');
      assert.equal(resolved.size, single.manifest.length);
    });

    it('resolves a tag naming an index to the index digest', async () => {
      const resolved = await resolveTag(client(), {
        registry: registry.host,
        repository: 'shop/multi',
        reference: '2.0',
      });
      assert.equal(resolved.digest, indexDigest);
      assert.equal(resolved.mediaType, 'application/vnd.oci.image.index.v1+json');
    });

    it('says which tag is unknown', async () => {
      await assert.rejects(
        resolveTag(client(), { registry: registry.host, repository: 'shop/app', reference: 'nope' }),
        {
          message: `${registry.host}/shop/app manifests/nope: not found (404): MANIFEST_UNKNOWN: manifest unknown`,
        },
      );
    });

    it('picks the platform asked for from an index, and reads its config and layer', async () => {
      const source = registryImageSource(
        client(),
        { registry: registry.host, repository: 'shop/multi', reference: '2.0' },
        {
          platform: { os: 'linux', architecture: 'arm64' },
        },
      );
      assert.equal(await source.manifestDigest(), arm64.digest);
      assert.equal((await source.config()).architecture, 'arm64');
      const manifest = await source.manifest();
      assert.equal(manifest.layers[0]?.digest, arm64.layer);
      const layer = manifest.layers[0];
      assert.ok(layer);
      assert.deepEqual(await bytesOf(await source.blob(layer)), arm64.layerBytes);
      const amd = registryImageSource(
        client(),
        { registry: registry.host, repository: 'shop/multi', reference: '2.0' },
        {
          platform: { os: 'linux', architecture: 'amd64' },
        },
      );
      assert.equal(await amd.manifestDigest(), amd64.digest);
    });

    it('refuses a platform the index does not have, naming those it has', async () => {
      const source = registryImageSource(
        client(),
        { registry: registry.host, repository: 'shop/multi', reference: '2.0' },
        {
          platform: { os: 'linux', architecture: 's390x' },
        },
      );
      await assert.rejects(source.manifest(), {
        message: `${registry.host}/shop/multi:2.0: no image for linux/s390x in its index (it has linux/amd64, linux/arm64/v8); choose one with --platform`,
      });
    });

    it('refuses anonymous access with a message that says how to log in', async () => {
      await assert.rejects(
        resolveTag(client({ credentials: () => Promise.resolve(undefined) }), {
          registry: registry.host,
          repository: 'shop/app',
          reference: '1.0',
        }),
        {
          message: `${registry.host}/shop/app manifests/1.0: the registry asks for a login and no credentials were found for ${registry.host} (docker login, or $DOCKER_CONFIG/config.json)`,
        },
      );
    });

    it('reports wrong credentials as an authentication failure', async () => {
      await assert.rejects(
        resolveTag(client({ credentials: () => Promise.resolve({ username: USER, password: 'wrong' }) }), {
          registry: registry.host,
          repository: 'shop/app',
          reference: '1.0',
        }),
        {
          message: `${registry.host}/shop/app manifests/1.0: authentication failed (401): UNAUTHORIZED: authentication required`,
        },
      );
    });

    it('logs in with the auths of a docker config.json', async () => {
      const config = join(dir, 'docker-auths');
      mkdirSync(config, { recursive: true });
      const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      writeFileSync(
        join(config, 'config.json'),
        JSON.stringify({ auths: { [`https://${registry.host}`]: { auth } } }),
      );
      const resolved = await resolveTag(
        client({ credentials: (host) => dockerCredentials(host, { directory: config }) }),
        {
          registry: registry.host,
          repository: 'shop/app',
          reference: '1.0',
        },
      );
      assert.equal(resolved.digest, single.digest);
    });

    it('runs the credential helper docker would run, and only for its registry', async () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      // A real helper protocol peer (docker-credential-helpers): the server on stdin, JSON on stdout.
      writeFileSync(
        join(bin, 'docker-credential-kwtest'),
        [
          '#!/bin/sh',
          '[ "$1" = get ] || exit 2',
          'read -r server',
          `if [ "$server" = "${registry.host}" ]; then`,
          `  printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$server"`,
          'else',
          "  echo 'credentials not found in native keychain'; exit 1",
          'fi',
          '',
        ].join('\n'),
      );
      chmodSync(join(bin, 'docker-credential-kwtest'), 0o755);
      const config = join(dir, 'docker-helper');
      mkdirSync(config, { recursive: true });
      writeFileSync(
        join(config, 'config.json'),
        JSON.stringify({ credHelpers: { [registry.host]: 'kwtest', 'other.example': 'kwtest' } }),
      );
      const options = { directory: config, path: bin };
      assert.deepEqual(await dockerCredentials(registry.host, options), {
        username: USER,
        password: PASSWORD,
      });
      assert.equal(
        await dockerCredentials('other.example', options),
        undefined,
        'the helper has none for it',
      );
      const resolved = await resolveTag(client({ credentials: (host) => dockerCredentials(host, options) }), {
        registry: registry.host,
        repository: 'shop/app',
        reference: '1.0',
      });
      assert.equal(resolved.digest, single.digest);
      writeFileSync(join(config, 'config.json'), JSON.stringify({ credsStore: 'missing' }));
      await assert.rejects(dockerCredentials(registry.host, options), {
        message: `${join(config, 'config.json')}: credential helper docker-credential-missing is not on PATH`,
      });
    });

    it('retries on 503, and gives up after its retries', async () => {
      const faults = { unavailable: 2 };
      const proxy = await startFaultyProxy(registry, faults);
      try {
        const resolved = await resolveTag(client({ insecure: [proxy.host] }), {
          registry: proxy.host,
          repository: 'shop/app',
          reference: '1.0',
        });
        assert.equal(resolved.digest, single.digest);
        assert.ok(
          proxy.requests() >= 4,
          `two 503s, a 401, then the answer: ${String(proxy.requests())} requests`,
        );
        faults.unavailable = 5;
        await assert.rejects(
          fetchManifest(client({ insecure: [proxy.host], retries: 1 }), {
            registry: proxy.host,
            repository: 'shop/app',
            reference: '1.0',
          }),
          { message: `${proxy.host}/shop/app manifests/1.0: HTTP 503 (503): UNAVAILABLE: try again` },
        );
      } finally {
        await proxy.stop();
      }
    });

    it('talks plain HTTP only to a registry named insecure', async () => {
      const proxy = await startFaultyProxy(registry, {});
      try {
        await assert.rejects(
          resolveTag(client(), { registry: proxy.host, repository: 'shop/app', reference: '1.0' }),
          (error: Error) => {
            assert.match(
              error.message,
              new RegExp(`^${proxy.host}/shop/app manifests/1.0: .*(SSL|TLS|wrong version|EPROTO)`, 'i'),
            );
            return true;
          },
        );
      } finally {
        await proxy.stop();
      }
    });

    it('times out on a registry that does not answer', async () => {
      const proxy = await startFaultyProxy(registry, { stall: /manifests/ });
      try {
        await assert.rejects(
          resolveTag(client({ insecure: [proxy.host], timeoutMs: 300 }), {
            registry: proxy.host,
            repository: 'shop/app',
            reference: '1.0',
          }),
          { message: `${proxy.host}/shop/app manifests/1.0: no answer within 300 ms` },
        );
      } finally {
        await proxy.stop();
      }
    });

    it('refuses a manifest or a blob larger than allowed', async () => {
      await assert.rejects(
        fetchManifest(client(), { registry: registry.host, repository: 'shop/app', reference: '1.0' }, 100),
        {
          message: `${registry.host}/shop/app manifests/1.0: ${String(single.manifest.length)} bytes, more than the 100 accepted`,
        },
      );
      const source = registryImageSource(
        client(),
        { registry: registry.host, repository: 'shop/app', reference: '1.0' },
        {
          platform: { os: 'linux', architecture: 'amd64' },
          maxBlobBytes: 10,
        },
      );
      const layer = (await source.manifest()).layers[0];
      assert.ok(layer);
      await assert.rejects(source.blob(layer), {
        message: `${registry.host}/shop/app:1.0 blob ${layer.digest}: ${String(layer.size)} bytes, more than the 10 accepted`,
      });
    });

    it('refuses content that does not match its digest', async () => {
      const proxy = await startFaultyProxy(registry, { corrupt: /\/blobs\/|\/manifests\/sha256/ });
      try {
        const address = { registry: proxy.host, repository: 'shop/app', reference: single.digest };
        await assert.rejects(fetchManifest(client({ insecure: [proxy.host] }), address), (error: Error) => {
          assert.match(
            error.message,
            new RegExp(
              `^${proxy.host}/shop/app@${single.digest}: content does not match its digest: expected ${single.digest}, got sha256:[0-9a-f]{64}$`,
            ),
          );
          return true;
        });
        const source = registryImageSource(
          client(),
          { registry: registry.host, repository: 'shop/app', reference: '1.0' },
          {
            platform: { os: 'linux', architecture: 'amd64' },
          },
        );
        const layer = (await source.manifest()).layers[0];
        assert.ok(layer);
        const corrupted = registryImageSource(
          client({ insecure: [proxy.host] }),
          { registry: proxy.host, repository: 'shop/app', reference: '1.0' },
          {
            platform: { os: 'linux', architecture: 'amd64' },
          },
        );
        await assert.rejects(bytesOf(await corrupted.blob(layer)), (error: Error) => {
          assert.match(
            error.message,
            /blob sha256:[0-9a-f]{64}: content does not match its digest: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}$/,
          );
          return true;
        });
        assert.deepEqual(
          await bytesOf(await source.blob(layer)),
          single.layerBytes,
          'the registry itself serves it intact',
        );
      } finally {
        await proxy.stop();
      }
    });
  },
);

// The same registry with distribution's token auth: a test token service (RS256 JWTs with an x5c
// chain, as docs/spec/auth/token.md and jwt.md describe) grants anonymous pulls of public/* and
// alice's pulls and pushes of private/*.
describe(
  'RegistryClient against docker-registry with bearer tokens',
  needs('docker-registry', 'openssl'),
  () => {
    let dir: string;
    let registry: RunningRegistry;
    let tokens: RunningTokenServer;
    let open: PushedImage;
    let closed: PushedImage;
    const client = (credentials?: RegistryCredentials): RegistryClient =>
      new RegistryClient({
        timeoutMs: 5000,
        ca: registry.ca,
        credentials: () => Promise.resolve(credentials),
        retryDelayMs: 10,
      });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-registry-token-'));
      const pki = registryPki(join(dir, 'pki'));
      tokens = await startTokenServer(
        join(dir, 'tokens'),
        pki,
        (user, password, repository, actions) => {
          if (user === USER && password === PASSWORD) return actions;
          return repository.startsWith('public/') ? actions.filter((action) => action === 'pull') : [];
        },
        [['refresh-of-alice', [USER, PASSWORD]]],
      );
      registry = await startRegistry(join(dir, 'registry'), { kind: 'token', ...tokens }, pki);
      const pusher = new RegistryPusher(registry, async (repository) => {
        const scope = `repository:${repository}:pull,push`;
        const answer = await send(
          new URL(tokens.realm).host,
          registry.ca,
          'GET',
          `/token?service=${tokens.service}&scope=${encodeURIComponent(scope)}`,
          { authorization: basicAuth(USER, PASSWORD) },
        );
        return `Bearer ${(JSON.parse(answer.body.toString()) as { token: string }).token}`;
      });
      open = await pusher.image('public/tool', '3', { 'tool.txt': 'tool\n' });
      closed = await pusher.image('private/app', '4', { 'app.txt': 'app\n' });
    });

    after(async () => {
      await registry.stop();
      await tokens.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('pulls a public repository with an anonymous token, asking for the scope the challenge names', async () => {
      tokens.requests.length = 0;
      const resolved = await resolveTag(client(), {
        registry: registry.host,
        repository: 'public/tool',
        reference: '3',
      });
      assert.equal(resolved.digest, open.digest);
      assert.deepEqual(tokens.requests, [{ scope: 'repository:public/tool:pull', user: undefined }]);
    });

    it('pulls a private repository with a token bought with basic credentials', async () => {
      tokens.requests.length = 0;
      const resolved = await resolveTag(client({ username: USER, password: PASSWORD }), {
        registry: registry.host,
        repository: 'private/app',
        reference: '4',
      });
      assert.equal(resolved.digest, closed.digest);
      assert.deepEqual(tokens.requests, [{ scope: 'repository:private/app:pull', user: USER }]);
    });

    it('trades an identity token for an access token (OAuth2 refresh_token), and reports a refused one', async () => {
      tokens.requests.length = 0;
      const resolved = await resolveTag(client({ identityToken: 'refresh-of-alice' }), {
        registry: registry.host,
        repository: 'private/app',
        reference: '4',
      });
      assert.equal(resolved.digest, closed.digest);
      assert.deepEqual(tokens.requests, [{ scope: 'repository:private/app:pull', user: USER }]);
      await assert.rejects(
        resolveTag(client({ identityToken: 'stolen' }), {
          registry: registry.host,
          repository: 'private/app',
          reference: '4',
        }),
        {
          message: `${registry.host}/private/app manifests/4: the token service ${tokens.realm} refused (401) the credentials`,
        },
      );
    });

    it('reports a token that grants nothing as an authentication failure, with the registry error', async () => {
      await assert.rejects(
        resolveTag(client(), { registry: registry.host, repository: 'private/app', reference: '4' }),
        {
          message: `${registry.host}/private/app manifests/4: authentication failed (401): UNAUTHORIZED: authentication required`,
        },
      );
    });
  },
);
