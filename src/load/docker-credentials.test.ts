import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dockerCredentials } from './docker-credentials.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

// The lookup docker/cli does (cli/config/configfile/file.go GetAuthConfig, credentials/
// native_store.go, registry ConvertToHostname), against config files and helpers written here.
describe('dockerCredentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-docker-config-'));
  const config = (value: unknown): { directory: string; path: string } => {
    writeFileSync(join(dir, 'config.json'), typeof value === 'string' ? value : JSON.stringify(value));
    return { directory: dir, path: dir };
  };
  const helper = (name: string, script: string): void => {
    writeFileSync(join(dir, `docker-credential-${name}`), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, `docker-credential-${name}`), 0o755);
  };
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds auths by host, whatever scheme or path the key has, and Docker Hub by its index URL', async () => {
    const options = config({
      auths: {
        'https://r.example:5000/v1/': { auth: b64('ann:pw:with:colons') },
        'https://index.docker.io/v1/': { username: 'hub', password: 'hubpw' },
        'tok.example': { identitytoken: 'refresh', registrytoken: 'bearer' },
      },
    });
    assert.deepEqual(await dockerCredentials('r.example:5000', options), {
      username: 'ann',
      password: 'pw:with:colons',
      identityToken: undefined,
      registryToken: undefined,
    });
    assert.equal((await dockerCredentials('docker.io', options))?.username, 'hub');
    assert.equal((await dockerCredentials('tok.example', options))?.identityToken, 'refresh');
    assert.equal(await dockerCredentials('other.example', options), undefined);
    assert.equal(await dockerCredentials('r.example', options), undefined, 'the port is part of the host');
  });

  it('gives nothing without a config file, and refuses a broken one with its path', async () => {
    assert.equal(await dockerCredentials('r.example', { directory: join(dir, 'none') }), undefined);
    await assert.rejects(dockerCredentials('r.example', config('{"auths": ')), (error: Error) => {
      assert.match(error.message, new RegExp(`^${join(dir, 'config.json')}: invalid JSON: `));
      return true;
    });
    await assert.rejects(
      dockerCredentials('r.example', config({ auths: { 'r.example': { auth: b64('nocolon') } } })),
      {
        message: `${join(dir, 'config.json')}: auths."r.example".auth is not base64 of user:password`,
      },
    );
  });

  it('asks the helper with the server on stdin; its "<token>" user is an identity token', async () => {
    helper('kw', 'read -r s; printf \'{"ServerURL":"%s","Username":"<token>","Secret":"rt-%s"}\' "$s" "$s"');
    const options = config({ credsStore: 'kw', auths: { 'r.example': { auth: b64('file:ignored') } } });
    assert.deepEqual(await dockerCredentials('r.example', options), { identityToken: 'rt-r.example' });
    assert.deepEqual(await dockerCredentials('docker.io', options), {
      identityToken: 'rt-https://index.docker.io/v1/',
    });
  });

  it('takes "credentials not found" as none, even over auths, and reports other failures', async () => {
    helper('empty', "echo 'credentials not found in native keychain'; exit 1");
    assert.equal(
      await dockerCredentials(
        'r.example',
        config({ credHelpers: { 'r.example': 'empty' }, auths: { 'r.example': { auth: b64('a:b') } } }),
      ),
      undefined,
    );
    helper('broken', "echo 'error getting credentials - err: exit status 1, out: keychain locked'; exit 1");
    await assert.rejects(dockerCredentials('r.example', config({ credsStore: 'broken' })), {
      message: `${join(dir, 'config.json')}: credential helper docker-credential-broken failed for r.example (exit 1): error getting credentials - err: exit status 1, out: keychain locked`,
    });
    helper('garbage', 'echo not json');
    await assert.rejects(dockerCredentials('r.example', config({ credsStore: 'garbage' })), {
      message: `${join(dir, 'config.json')}: credential helper docker-credential-garbage answered no JSON for r.example`,
    });
  });
});
