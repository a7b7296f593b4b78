import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { imageContents } from '../../images/packages/index.ts';
import { imageBom } from '../../images/sbom.ts';
import { renderSbomJson } from './sbom-json.ts';

const encoder = new TextEncoder();

// An Alpine image's files: os-release and apk's installed database (apk-tools doc/apk-v2.5 fields).
const FILES = new Map<string, Uint8Array>([
  [
    'etc/os-release',
    encoder.encode('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n'),
  ],
  [
    'lib/apk/db/installed',
    encoder.encode(
      'C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\nC:Q1def=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\nL:Apache-2.0\no:openssl\n\n',
    ),
  ],
  [
    'app/package-lock.json',
    encoder.encode(JSON.stringify({ lockfileVersion: 1, dependencies: { ms: { version: '2.1.3' } } })),
  ],
]);

describe('CycloneDX SBOM of an image', () => {
  const contents = imageContents(FILES);
  const bom = imageBom(
    { name: 'registry.example/app:1', digest: `sha256:${'a'.repeat(64)}` },
    contents.distribution,
    contents.packages,
    new Date('2026-01-02T03:04:05Z'),
  );
  const json = renderSbomJson(bom);
  const parsed = JSON.parse(json) as {
    specVersion: string;
    metadata: { timestamp: string; component: { type: string; name: string; version: string } };
    components: { type: string; name: string; version: string; purl?: string; licenses?: unknown[] }[];
  };

  it('is valid CycloneDX 1.6 JSON (the library’s strict validator, against the 1.6 schema)', async () => {
    const errors = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
    assert.equal(errors, null);
    assert.equal(parsed.specVersion, '1.6');
  });

  it('describes the image, its distribution and each package with its purl', () => {
    assert.deepEqual(parsed.metadata.component, {
      type: 'container',
      name: 'registry.example/app:1',
      version: `sha256:${'a'.repeat(64)}`,
      'bom-ref': `sha256:${'a'.repeat(64)}`,
    });
    assert.equal(parsed.metadata.timestamp, '2026-01-02T03:04:05.000Z');
    assert.deepEqual(
      parsed.components.map((c) => `${c.type} ${c.name} ${c.version} ${c.purl ?? '-'}`),
      [
        'operating-system alpine 3.19.1 -',
        'library libcrypto3 3.1.4-r5 pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1',
        'library musl 1.2.4_git20230717-r4 pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1',
        'library ms 2.1.3 pkg:npm/ms@2.1.3',
      ],
    );
    assert.equal(contents.packages.find((p) => p.name === 'libcrypto3')?.ecosystem, 'Alpine:v3.19');
    assert.equal(contents.packages.find((p) => p.name === 'libcrypto3')?.advisoryName, 'openssl');
  });

  it('is the same text for the same image', () => {
    assert.equal(
      renderSbomJson(
        imageBom(
          { name: 'registry.example/app:1', digest: `sha256:${'a'.repeat(64)}` },
          contents.distribution,
          [...contents.packages].reverse(),
          new Date('2026-01-02T03:04:05Z'),
        ),
      ),
      json,
    );
  });
});
