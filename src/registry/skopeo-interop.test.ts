// An image pushed by another real client, skopeo (containers/image), into Debian's docker-registry:
// kubeward resolves its tag to the digest skopeo reports and reads its packages from the registry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeOciLayout } from '../testing/oci-image.ts';
import { startRegistry } from '../testing/registry.ts';
import type { RunningRegistry } from '../testing/registry.ts';
import { needs } from '../testing/tools.ts';
import { RegistryClient } from './client.ts';
import { readImageContents } from './image-contents.ts';
import { resolveTag } from './resolve.ts';
import { registryImageSource } from './source.ts';

const USER = 'ci';
const PASSWORD = 'sk0peo-push';

describe(
  'an image skopeo pushed to docker-registry',
  needs('docker-registry', 'htpasswd', 'openssl', 'skopeo'),
  () => {
    let dir = '';
    let registry: RunningRegistry;
    let client: RegistryClient;
    let certs = '';

    const skopeo = (...args: string[]): string =>
      execFileSync('skopeo', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-skopeo-'));
      registry = await startRegistry(join(dir, 'registry'), {
        kind: 'htpasswd',
        users: { [USER]: PASSWORD },
      });
      certs = join(dir, 'certs');
      mkdirSync(certs);
      writeFileSync(join(certs, 'ca.crt'), registry.ca);
      writeOciLayout(
        join(dir, 'layout'),
        [
          [
            { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
            {
              path: 'var/lib/dpkg/status',
              content:
                'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n',
            },
          ],
        ],
        { refName: '1.0' },
      );
      skopeo(
        'copy',
        '--quiet',
        '--dest-creds',
        `${USER}:${PASSWORD}`,
        '--dest-cert-dir',
        certs,
        `oci:${join(dir, 'layout')}:1.0`,
        `docker://${registry.host}/interop/app:1.0`,
      );
      client = new RegistryClient({
        timeoutMs: 10_000,
        ca: registry.ca,
        credentials: () => Promise.resolve({ username: USER, password: PASSWORD }),
      });
    });

    after(async () => {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('resolves the tag to the digest skopeo inspect reports', async () => {
      const expected = skopeo(
        'inspect',
        '--creds',
        `${USER}:${PASSWORD}`,
        '--cert-dir',
        certs,
        '--format',
        '{{.Digest}}',
        `docker://${registry.host}/interop/app:1.0`,
      );
      assert.match(expected, /^sha256:[0-9a-f]{64}$/);
      const resolved = await resolveTag(client, {
        registry: registry.host,
        repository: 'interop/app',
        reference: '1.0',
      });
      assert.equal(resolved.digest, expected);
    });

    it('reads the packages of its layers from the registry', async () => {
      const source = registryImageSource(
        client,
        { registry: registry.host, repository: 'interop/app', reference: '1.0' },
        { platform: { os: 'linux', architecture: 'amd64' } },
      );
      const contents = await readImageContents(source);
      assert.deepEqual(
        contents.packages.map((found) => `${found.name} ${found.version}`),
        ['libssl3 3.0.11-1~deb12u2'],
      );
      assert.equal(contents.distribution?.id, 'debian');
    });
  },
);
