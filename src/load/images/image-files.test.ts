import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { after, describe, it } from 'node:test';
import { imageContents, isPackageEvidence } from '../../images/packages/index.ts';
import { dockerSaveArchive, ociArchive, tarArchive, writeOciLayout } from '../../testing/oci-image.ts';
import type { TestEntry } from '../../testing/oci-image.ts';
import { readImageFiles } from './image-files.ts';
import { openImage } from './open-image.ts';

const temporary = mkdtempSync(join(tmpdir(), 'kubeward-images-'));
after(() => {
  rmSync(temporary, { recursive: true, force: true });
});

const AMD64 = { os: 'linux', architecture: 'amd64' };

// Paragraphs as dpkg writes var/lib/dpkg/status (deb-status(5)): one per package, Status last word
// "installed" for an installed one; a removed package keeps "deinstall ok config-files".
const BASE_STATUS = [
  'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4\nDescription: GNU C Library\n shared libraries\n',
  'Package: old-tool\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0-1\n',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib (1:1.2.13.dfsg-1)\nVersion: 1:1.2.13.dfsg-1+b1\n',
].join('\n');

const UPDATED_STATUS = `${BASE_STATUS}\nPackage: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u5\n`;

const OS_RELEASE =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';

const LOCK = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0' },
    'node_modules/lodash': { version: '4.17.20' },
    'node_modules/@babel/core': { version: '7.22.0' },
    'node_modules/@babel/core/node_modules/semver': { version: '6.3.0' },
    'node_modules/local': { resolved: '../local', link: true },
  },
});

/** Three layers: a Debian base, an application layer, and a layer that whites out parts of both. */
const LAYERS: readonly (readonly TestEntry[])[] = [
  [
    { path: 'etc/', type: 'directory' },
    { path: 'etc/os-release', type: 'symlink', linkTarget: '../usr/lib/os-release' },
    { path: 'usr/lib/os-release', content: OS_RELEASE },
    { path: 'var/lib/dpkg/status', content: BASE_STATUS },
    { path: 'usr/share/doc/libc6/copyright', content: 'not needed\n' },
    { path: 'opt/legacy/package-lock.json', content: LOCK },
  ],
  [
    { path: 'var/lib/dpkg/status', content: UPDATED_STATUS },
    { path: 'app/package-lock.json', content: LOCK },
    { path: 'srv/package-lock.json', content: LOCK },
    {
      path: `usr/lib/python3/dist-packages/${'d'.repeat(90)}/requests-2.31.0.dist-info/METADATA`,
      content: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\nbody\n',
    },
  ],
  [
    { path: 'opt/.wh.legacy' },
    { path: 'app/.wh..wh..opq' },
    {
      path: 'app/requirements.txt',
      content:
        'flask==2.0.1 --hash=sha256:abc\nJinja2[i18n] == 3.1.2 ; python_version > "3"\nclick>=8\n# comment\n',
    },
  ],
];

function packageList(files: ReadonlyMap<string, Uint8Array>): string[] {
  return imageContents(files).packages.map((p) => `${p.ecosystem} ${p.name} ${p.version} ${p.file}`);
}

const EXPECTED = [
  'PyPI flask 2.0.1 /app/requirements.txt',
  'PyPI jinja2 3.1.2 /app/requirements.txt',
  'npm lodash 4.17.20 /srv/package-lock.json',
  'npm @babel/core 7.22.0 /srv/package-lock.json',
  'npm semver 6.3.0 /srv/package-lock.json',
  `PyPI requests 2.31.0 /usr/lib/python3/dist-packages/${'d'.repeat(90)}/requests-2.31.0.dist-info/METADATA`,
  'Debian:12 libc6 2.36-9+deb12u4 /var/lib/dpkg/status',
  'Debian:12 zlib1g 1:1.2.13.dfsg-1+b1 /var/lib/dpkg/status',
  'Debian:12 curl 7.88.1-10+deb12u5 /var/lib/dpkg/status',
];

describe('reading an image: layers applied in order, whiteouts honoured', () => {
  it('reads an OCI layout directory: the last status, no whited-out or opaque-hidden lockfile', async () => {
    const layout = join(temporary, 'layout');
    writeOciLayout(layout, LAYERS, { refName: 'app:1' });
    const image = await readImageFiles(await openImage({ layout }, { platform: AMD64 }), isPackageEvidence);
    assert.deepEqual([...image.files.keys()].sort(), [
      'app/requirements.txt',
      'etc/os-release',
      'srv/package-lock.json',
      'usr/lib/os-release',
      `usr/lib/python3/dist-packages/${'d'.repeat(90)}/requests-2.31.0.dist-info/METADATA`,
      'var/lib/dpkg/status',
    ]);
    assert.equal(image.layers, 3);
    assert.deepEqual(packageList(image.files), EXPECTED);
    const contents = imageContents(image.files);
    assert.equal(contents.distribution?.prettyName, 'Debian GNU/Linux 12 (bookworm)');
    const zlib = contents.packages.find((p) => p.name === 'zlib1g');
    assert.deepEqual([zlib?.advisoryName, zlib?.advisoryVersion], ['zlib', '1:1.2.13.dfsg-1']);
    assert.equal(zlib?.purl, 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1+b1?arch=amd64&distro=debian-12');
    assert.equal(contents.packages.find((p) => p.name === 'libc6')?.advisoryName, 'glibc');
  });

  it('without the whiteouts, the hidden lockfiles are read', async () => {
    const layout = join(temporary, 'no-whiteouts');
    writeOciLayout(layout, [LAYERS[0] ?? [], LAYERS[1] ?? []], { compression: 'none' });
    const image = await readImageFiles(await openImage({ layout }, { platform: AMD64 }), isPackageEvidence);
    assert.ok(image.files.has('opt/legacy/package-lock.json'));
    assert.ok(image.files.has('app/package-lock.json'));
  });

  it('reads the same image from an OCI archive and from a docker save archive', async () => {
    const oci = join(temporary, 'image.oci.tar');
    writeFileSync(oci, ociArchive(LAYERS));
    const saved = join(temporary, 'image.docker.tar');
    writeFileSync(saved, dockerSaveArchive(LAYERS, 'example/app:1'));
    for (const archive of [oci, saved]) {
      const image = await readImageFiles(
        await openImage({ archive }, { platform: AMD64 }),
        isPackageEvidence,
      );
      assert.deepEqual(packageList(image.files), EXPECTED, archive);
    }
    const source = await openImage({ archive: saved }, { platform: AMD64 });
    assert.equal(source.name, `${saved}:example/app:1`);
  });

  it('picks the platform of an index, and names the platforms it has when none matches', async () => {
    const layout = join(temporary, 'multi');
    writeOciLayout(layout, LAYERS, { platforms: ['linux/amd64', 'linux/arm64/v8'] });
    const arm = await openImage({ layout }, { platform: { os: 'linux', architecture: 'arm64' } });
    assert.equal((await arm.config()).architecture, 'arm64');
    await assert.rejects(openImage({ layout }, { platform: { os: 'linux', architecture: 's390x' } }), {
      name: 'InputError',
      message: /: no image for platform linux\/s390x \(the index has linux\/amd64, linux\/arm64\/v8\)$/,
    });
  });

  it('refuses a layer whose content does not match its digest', async () => {
    const layout = join(temporary, 'corrupt');
    writeOciLayout(layout, LAYERS, { compression: 'none' });
    const blobs = join(layout, 'blobs', 'sha256');
    const source = await openImage({ layout }, { platform: AMD64 });
    const layer = (await source.manifest()).layers[0]?.digest.slice(7) ?? '';
    assert.ok(readdirSync(blobs).includes(layer));
    writeFileSync(
      join(blobs, layer),
      tarArchive([{ path: 'var/lib/dpkg/status', content: 'Package: evil\nVersion: 1\n' }]),
    );
    await assert.rejects(readImageFiles(source, isPackageEvidence), {
      name: 'InputError',
      message: new RegExp(`blob sha256:${layer} has \\d+ bytes, its descriptor says \\d+$`),
    });
  });

  it(
    'refuses a zstd layer on a Node.js without zstd, saying so',
    { skip: 'createZstdDecompress' in zlib ? 'this Node.js has zstd' : false },
    async () => {
      const layout = join(temporary, 'zstd');
      writeOciLayout(layout, [[{ path: 'a', content: 'x' }]], { compression: 'none' });
      const source = await openImage({ layout }, { platform: AMD64 });
      const zstdFrame = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
      const fake = { ...source, blob: () => Promise.resolve(Readable.from([zstdFrame])) };
      await assert.rejects(readImageFiles(fake, isPackageEvidence), (error: Error) => {
        assert.equal(error.name, 'InputError');
        assert.match(
          error.message,
          /layer 1 \(sha256:[0-9a-f]{64}\): the layer is zstd-compressed, and this Node.js \(v\d+\.\d+\.\d+\) has no zstd decompressor \(Node.js 22.15 or later has one\)$/,
        );
        return true;
      });
    },
  );

  it('says what a directory that is no image is', async () => {
    const empty = join(temporary, 'empty');
    writeOciLayout(empty, []);
    rmSync(join(empty, 'oci-layout'));
    await assert.rejects(openImage({ layout: empty }, { platform: AMD64 }), {
      name: 'InputError',
      message: `${empty}: neither an OCI image layout (oci-layout, index.json) nor a docker save archive (manifest.json)`,
    });
  });
});
