// OSV records written for these tests from the OSV schema (ossf/osv-schema docs/schema.md): fixed
// and unfixed ranges, last_affected, limit, SEMVER ranges, versions lists, epochs and `~` versions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ImagePackage } from '../package.ts';
import { imagePackage } from '../../testing/image-packages.ts';
import { addOsvFile, OsvDatabase } from './database.ts';
import { inRange, matchVulnerabilities } from './match.ts';
import { compareDebian } from '../versions/dpkg.ts';

function record(
  id: string,
  ecosystem: string,
  name: string,
  affected: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2026-01-01T00:00:00Z',
    ...extra,
    affected: [{ package: { ecosystem, name }, ...affected }],
  };
}

const range = (type: string, ...events: Record<string, string>[]): Record<string, unknown> => ({
  ranges: [{ type, events }],
});

const RECORDS = [
  record(
    'DSA-0001-1',
    'Debian:12',
    'glibc',
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.36-9+deb12u5' }),
    {
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    },
  ),
  record(
    'DEBIAN-CVE-2026-0002',
    'Debian:12',
    'zlib',
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '1:1.2.13.dfsg-2' }),
  ),
  record(
    'DEBIAN-CVE-2026-0003',
    'Debian:12',
    'zlib',
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.3.1-1' }),
  ),
  record(
    'DEBIAN-CVE-2026-0004',
    'Debian:12',
    'curl',
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '7.88.1-10+deb12u5~1' }),
  ),
  record(
    'DEBIAN-CVE-2026-0005',
    'Debian:12',
    'curl',
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '7.88.1-10+deb12u6~rc1' }),
    {
      database_specific: { severity: 'MODERATE' },
    },
  ),
  record('DEBIAN-CVE-2026-0006', 'Debian:12', 'curl', range('ECOSYSTEM', { introduced: '0' }), {
    severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }],
  }),
  record('DEBIAN-CVE-2026-0007', 'Debian:11', 'curl', range('ECOSYSTEM', { introduced: '0' })),
  record(
    'GHSA-aaaa-bbbb-cccc',
    'npm',
    'lodash',
    range('SEMVER', { introduced: '0' }, { last_affected: '4.17.20' }),
    {
      database_specific: { severity: 'HIGH' },
    },
  ),
  record(
    'GHSA-dddd-eeee-ffff',
    'npm',
    '@babel/core',
    range('SEMVER', { introduced: '7.0.0-beta.1' }, { fixed: '7.22.5' }),
  ),
  record('PYSEC-2026-1', 'PyPI', 'Flask', { versions: ['2.0.0', '2.0.1.0'] }),
  record(
    'PYSEC-2026-2',
    'PyPI',
    'jinja2',
    range('ECOSYSTEM', { introduced: '3.0.0rc1' }, { fixed: '3.1.3' }, { limit: '3.1.0' }),
  ),
  record(
    'ALPINE-CVE-2026-8',
    'Alpine:v3.19',
    'openssl',
    range('ECOSYSTEM', { introduced: '0' }, { fixed: '3.1.4-r5' }),
    {
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X' }],
      database_specific: { severity: 'low' },
    },
  ),
];

const PACKAGES: readonly ImagePackage[] = [
  imagePackage('Debian:12', 'libc6', '2.36-9+deb12u4', 'glibc'),
  imagePackage('Debian:12', 'zlib1g', '1:1.2.13.dfsg-1+b1', 'zlib', '1:1.2.13.dfsg-1'),
  imagePackage('Debian:12', 'curl', '7.88.1-10+deb12u5'),
  imagePackage('npm', 'lodash', '4.17.20'),
  imagePackage('npm', '@babel/core', '7.22.0'),
  imagePackage('npm', 'lodash', '4.17.21'),
  imagePackage('PyPI', 'flask', '2.0.1'),
  imagePackage('PyPI', 'jinja2', '3.1.2'),
  imagePackage('Alpine:v3.19', 'libcrypto3', '3.1.4-r4', 'openssl'),
];

function database(diagnostics: Diagnostic[] = []): OsvDatabase {
  const db = new OsvDatabase();
  for (const [index, value] of RECORDS.entries())
    addOsvFile(db, `record-${String(index)}.json`, value, diagnostics);
  return db;
}

describe('OSV matching', () => {
  const diagnostics: Diagnostic[] = [];
  const db = database();
  const result = matchVulnerabilities(PACKAGES, db);
  const found = result.vulnerabilities.map(
    (v) =>
      `${v.id} ${v.package.name} ${v.package.version} fixed:${v.fixedVersions.join(',') || '-'} ${v.severity?.severity ?? '-'} ${String(v.severity?.score ?? '-')}`,
  );

  it('matches source packages, epochs, ~ versions, unfixed ranges, last_affected, SEMVER, versions lists, and reports fixes', () => {
    assert.deepEqual(found, [
      'DSA-0001-1 libc6 2.36-9+deb12u4 fixed:2.36-9+deb12u5 critical 9.8',
      'DEBIAN-CVE-2026-0002 zlib1g 1:1.2.13.dfsg-1+b1 fixed:1:1.2.13.dfsg-2 - -',
      'DEBIAN-CVE-2026-0005 curl 7.88.1-10+deb12u5 fixed:7.88.1-10+deb12u6~rc1 medium -',
      'DEBIAN-CVE-2026-0006 curl 7.88.1-10+deb12u5 fixed:- critical 9.3',
      'GHSA-aaaa-bbbb-cccc lodash 4.17.20 fixed:- high -',
      'GHSA-dddd-eeee-ffff @babel/core 7.22.0 fixed:7.22.5 - -',
      'PYSEC-2026-1 flask 2.0.1 fixed:- - -',
      'ALPINE-CVE-2026-8 libcrypto3 3.1.4-r4 fixed:3.1.4-r5 low -',
    ]);
    assert.equal(diagnostics.length, 0);
  });

  it('does not match: an epoch-less fix below an epoch, a ~ fix below the installed version, another release, a later version, a limit', () => {
    for (const id of [
      'DEBIAN-CVE-2026-0003',
      'DEBIAN-CVE-2026-0004',
      'DEBIAN-CVE-2026-0007',
      'PYSEC-2026-2',
    ]) {
      assert.ok(!found.some((line) => line.startsWith(`${id} `)), id);
    }
    assert.ok(!found.some((line) => line.includes('lodash 4.17.21')));
  });

  it('reports a vector it cannot score and falls back to the database’s severity', () => {
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.file}: ${d.message}`),
      ['ALPINE-CVE-2026-8: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X" is not a valid CVSS vector: "A:X"'],
    );
  });

  it('warns about versions it cannot compare instead of matching', () => {
    const bad = new OsvDatabase();
    addOsvFile(
      bad,
      'bad.json',
      record(
        'GHSA-bad',
        'npm',
        'lodash',
        range('ECOSYSTEM', { introduced: '0' }, { fixed: 'not.a.version' }),
      ),
      [],
    );
    const { vulnerabilities, diagnostics: warnings } = matchVulnerabilities(
      [imagePackage('npm', 'lodash', '4.17.20')],
      bad,
    );
    assert.equal(vulnerabilities.length, 0);
    assert.deepEqual(
      warnings.map((d) => d.message),
      [
        'GHSA-bad not matched against lodash 4.17.20: "not.a.version" is not a semantic version (semver.org 2.0.0)',
      ],
    );
  });

  it('refuses files that are no OSV records, naming the problem', () => {
    const warnings: Diagnostic[] = [];
    const db2 = new OsvDatabase();
    addOsvFile(db2, 'a.json', { id: 'X', affected: [{ package: { name: 'x' } }] }, warnings);
    addOsvFile(db2, 'b.json', { affected: [] }, warnings);
    addOsvFile(
      db2,
      'c.json',
      record('Y', 'npm', 'y', {
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }],
      }),
      warnings,
    );
    assert.equal(db2.size, 0);
    assert.deepEqual(
      warnings.map((d) => `${d.file}: ${d.message}`),
      [
        'a.json: not an OSV record kubeward can use: affected[0].package needs "ecosystem" and "name"',
        'b.json: not an OSV record kubeward can use: no "id"',
        'c.json: not an OSV record kubeward can use: affected[0].ranges[0] needs a "type" and "events" of one introduced, fixed, last_affected or limit each',
      ],
    );
  });
});

describe('OSV range evaluation', () => {
  it('follows the schema’s evaluation over several introduced/fixed pairs', () => {
    const r = {
      type: 'ECOSYSTEM',
      events: [{ fixed: '1.5-1' }, { introduced: '0' }, { introduced: '2.0-1' }, { fixed: '2.2-1' }],
    };
    const inside = ['1.0-1', '1.5~rc1-1', '2.0-1', '2.1-9'];
    const outside = ['1.5-1', '1.9-1', '2.2-1', '3.0-1', '2.0~beta-1'];
    for (const v of inside) assert.equal(inRange(v, r, compareDebian), true, v);
    for (const v of outside) assert.equal(inRange(v, r, compareDebian), false, v);
  });
});
