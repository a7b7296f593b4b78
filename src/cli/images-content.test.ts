import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { dockerSaveArchive, writeOciLayout } from '../testing/oci-image.ts';
import type { TestEntry } from '../testing/oci-image.ts';

const temporary = mkdtempSync(join(tmpdir(), 'kubeward-images-cli-'));
after(() => {
  rmSync(temporary, { recursive: true, force: true });
});

// An Alpine image in two layers (the second upgrades openssl's libraries), apk's installed database
// as apk-tools doc/apk-v2.5 describes it, and OSV records written from the OSV schema.
const installed = (openssl: string): string =>
  `P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n\nP:libcrypto3\nV:${openssl}\nA:x86_64\nL:Apache-2.0\no:openssl\n\n`;
const LAYERS: readonly (readonly TestEntry[])[] = [
  [
    { path: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n' },
    { path: 'lib/apk/db/installed', content: installed('3.1.4-r1') },
  ],
  [{ path: 'lib/apk/db/installed', content: installed('3.1.4-r4') }],
];

const layout = join(temporary, 'layout');
writeOciLayout(layout, LAYERS);
const archive = join(temporary, 'image.tar');
writeFileSync(archive, dockerSaveArchive(LAYERS, 'example/alpine:3.19'));
const db = join(temporary, 'osv');
mkdirSync(join(db, 'Alpine'), { recursive: true });
const osvRecord = (id: string, fixed: string, severity: string): string =>
  JSON.stringify({
    id,
    modified: '2026-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'Alpine:v3.19', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    database_specific: { severity },
  });
writeFileSync(
  join(db, 'Alpine', 'ALPINE-CVE-2026-1.json'),
  osvRecord('ALPINE-CVE-2026-1', '3.1.4-r5', 'high'),
);
writeFileSync(
  join(db, 'Alpine', 'ALPINE-CVE-2026-2.json'),
  osvRecord('ALPINE-CVE-2026-2', '3.1.4-r3', 'critical'),
);
writeFileSync(join(db, 'Alpine', 'broken.json'), '{"affected": []}');

describe('kubeward images sbom / vulns', () => {
  it('writes the SBOM of a layout: the packages of the last layer', () => {
    const run = runCli(['images', 'sbom', '--layout', layout]);
    assert.equal(run.status, 0, run.stderr);
    const bom = JSON.parse(run.stdout) as {
      specVersion: string;
      components: { name: string; version: string }[];
    };
    assert.equal(bom.specVersion, '1.6');
    assert.deepEqual(
      bom.components.map((c) => `${c.name} ${c.version}`),
      ['alpine 3.19.1', 'libcrypto3 3.1.4-r4', 'musl 1.2.4_git20230717-r4'],
    );
  });

  it('finds the unfixed vulnerability, not the fixed one, and exits 1 at --fail-on high', () => {
    const run = runCli(['images', 'vulns', '--archive', archive, '--db', db]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stdout,
      /^ID +SEVERITY +PACKAGE +INSTALLED +FIXED IN +ECOSYSTEM\nALPINE-CVE-2026-1 +high +libcrypto3 +3\.1\.4-r4 +3\.1\.4-r5 +Alpine:v3\.19\n/,
    );
    assert.doesNotMatch(run.stdout, /ALPINE-CVE-2026-2/);
    assert.equal(
      run.stderr,
      `${join(db, 'Alpine', 'broken.json')}: warning: not an OSV record kubeward can use: no "id"\n`,
    );
  });

  it('exits 0 when nothing is at or above --fail-on', () => {
    const run = runCli([
      'images',
      'vulns',
      '--layout',
      layout,
      '--db',
      db,
      '--fail-on',
      'critical',
      '-o',
      'json',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      (JSON.parse(run.stdout) as { vulnerabilities: { id: string }[] }).vulnerabilities.map((v) => v.id),
      ['ALPINE-CVE-2026-1'],
    );
  });

  it('refuses a run without exactly one image, and an archive that is not there, with exit 2', () => {
    const none = runCli(['images', 'sbom']);
    assert.equal(none.status, 2);
    assert.equal(none.stderr, 'error: give one image: --layout DIR or --archive FILE\n');
    const missing = runCli(['images', 'sbom', '--archive', join(temporary, 'nope.tar')]);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, `error: ${join(temporary, 'nope.tar')}: no such file\n`);
    const badPlatform = runCli(['images', 'sbom', '--layout', layout, '--platform', 'linux']);
    assert.equal(
      badPlatform.stderr,
      'error: --platform "linux" is not os/architecture[/variant] (e.g. linux/amd64)\n',
    );
  });
});
