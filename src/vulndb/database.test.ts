// OSV records written for these tests after the OSV schema (ossf/osv-schema docs/schema.md): fixed
// and unfixed ranges, epochs and `~` versions, last_affected, versions lists, CVSS vectors (one
// that cannot be scored), records of two packages, PyPI names as PEP 503 normalises them, and files
// that are no records.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { matchVulnerabilities } from '../images/osv/match.ts';
import { imagePackage } from '../testing/image-packages.ts';
import { osvIndexPath } from '../load/osv/index-file.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { indexOsvDirectory, openOsvDatabase } from './database.ts';

const range = (...events: Record<string, string>[]): Record<string, unknown>[] => [
  { type: 'ECOSYSTEM', events },
];

const RECORDS: Record<string, unknown> = {
  'Debian/DSA-0001-1.json': {
    id: 'DSA-0001-1',
    aliases: ['CVE-2026-0001'],
    summary: 'glibc: buffer overflow',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'glibc' },
        ranges: range({ introduced: '0' }, { fixed: '2.36-9+deb12u5' }),
      },
      {
        package: { ecosystem: 'Debian:11', name: 'glibc' },
        ranges: range({ introduced: '0' }, { fixed: '2.31-13+deb11u9' }),
      },
    ],
  },
  'Debian/DEBIAN-CVE-2026-0002.json': {
    id: 'DEBIAN-CVE-2026-0002',
    affected: [
      {
        package: { ecosystem: 'Debian', name: 'zlib' },
        ranges: range({ introduced: '0' }, { fixed: '1:1.2.13.dfsg-2' }),
      },
    ],
  },
  'Debian/DEBIAN-CVE-2026-0003.json': {
    id: 'DEBIAN-CVE-2026-0003',
    database_specific: { severity: 'MODERATE', source: 'not kept' },
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'curl' },
        ranges: range({ introduced: '0' }, { fixed: '7.88.1-10+deb12u6~rc1' }),
      },
    ],
  },
  'Debian/DEBIAN-CVE-2026-0004.json': {
    id: 'DEBIAN-CVE-2026-0004',
    affected: [{ package: { ecosystem: 'Debian:12', name: 'curl' }, ranges: range({ introduced: '0' }) }],
  },
  'Debian/nested/DEBIAN-CVE-2026-0005.json': {
    id: 'DEBIAN-CVE-2026-0005',
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'curl' },
        ranges: range({ introduced: '0' }, { fixed: '7.88.1-10+deb12u5~1' }),
      },
    ],
  },
  'PyPI/PYSEC-2026-1.json': {
    id: 'PYSEC-2026-1',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Jinja2' },
        versions: ['3.1.2'],
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X' }],
      },
    ],
  },
  'npm/GHSA-aaaa-bbbb-cccc.json': {
    id: 'GHSA-aaaa-bbbb-cccc',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'lodash' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: '4.17.20' }] }],
        database_specific: { severity: 'HIGH' },
      },
    ],
  },
  'npm/unrelated.json': {
    id: 'GHSA-xxxx-yyyy-zzzz',
    affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: range({ introduced: '0' }) }],
  },
  'npm/not-a-record.json': { affected: [] },
};

const PACKAGES = [
  imagePackage('Debian:12', 'libc6', '2.36-9+deb12u4', 'glibc'),
  imagePackage('Debian:12', 'zlib1g', '1:1.2.13.dfsg-1', 'zlib'),
  imagePackage('Debian:12', 'curl', '7.88.1-10+deb12u5'),
  imagePackage('PyPI', 'jinja2', '3.1.2'),
  imagePackage('npm', 'lodash', '4.17.20'),
];

function matches(database: Awaited<ReturnType<typeof openOsvDatabase>>): string[] {
  return matchVulnerabilities(PACKAGES, database.database)
    .vulnerabilities.map(
      (v) =>
        `${v.id} ${v.package.name} [${v.aliases.join(',')}] ${v.summary ?? '-'} fixed:${v.fixedVersions.join(',') || '-'} ${v.severity?.severity ?? '-'} ${String(v.severity?.score ?? '-')} ${v.severity?.source ?? '-'}`,
    )
    .sort();
}

function warnings(database: Awaited<ReturnType<typeof openOsvDatabase>>): string[] {
  const matched = matchVulnerabilities(PACKAGES, database.database);
  return [...database.diagnostics, ...matched.diagnostics].map(formatDiagnostic).sort();
}

describe('the OSV index', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-osv-index-'));
    for (const [path, value] of Object.entries(RECORDS)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), JSON.stringify(value));
    }
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same matches, severities, fixes and warnings as reading every record', async () => {
    const read = await openOsvDatabase(dir, PACKAGES);
    assert.deepEqual(read.indexed, []);
    assert.equal(read.records, 8);
    const built = await indexOsvDirectory(dir);
    assert.equal(built.records, 8);
    const indexed = await openOsvDatabase(dir, PACKAGES);
    assert.deepEqual(indexed.indexed, [dir]);
    assert.equal(indexed.records, 8);
    assert.deepEqual(matches(indexed), matches(read));
    assert.deepEqual(warnings(indexed), warnings(read));
    assert.deepEqual(matches(indexed), [
      'DEBIAN-CVE-2026-0002 zlib1g [] - fixed:1:1.2.13.dfsg-2 - - -',
      'DEBIAN-CVE-2026-0003 curl [] - fixed:7.88.1-10+deb12u6~rc1 medium - database_specific.severity MODERATE',
      'DEBIAN-CVE-2026-0004 curl [] - fixed:- - - -',
      'DSA-0001-1 libc6 [CVE-2026-0001] glibc: buffer overflow fixed:2.36-9+deb12u5 critical 9.8 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'GHSA-aaaa-bbbb-cccc lodash [] - fixed:- high - database_specific.severity HIGH',
      'PYSEC-2026-1 jinja2 [] - fixed:- - - -',
    ]);
    assert.deepEqual(warnings(indexed), [
      `${join(dir, 'npm', 'not-a-record.json')}: warning: not an OSV record kubeward can use: no "id"`,
      'PYSEC-2026-1: warning: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X" is not a valid CVSS vector: "A:X"',
    ]);
  });

  it('reads only the entries of the packages asked for', async () => {
    const some = await openOsvDatabase(dir, [imagePackage('npm', 'lodash', '4.17.20')]);
    assert.equal(some.records, 8);
    assert.deepEqual(
      some.database.lookup('npm', 'lodash').map((entry) => entry.record.id),
      ['GHSA-aaaa-bbbb-cccc'],
    );
    assert.deepEqual(some.database.lookup('npm', 'left-pad'), []);
    assert.deepEqual(some.database.lookup('Debian:12', 'curl'), []);
  });

  it('refuses an index older than its records, and reads them again once rebuilt', async () => {
    writeFileSync(
      join(dir, 'npm', 'GHSA-new.json'),
      JSON.stringify({
        id: 'GHSA-new',
        affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, versions: ['4.17.20'] }],
      }),
    );
    await assert.rejects(openOsvDatabase(dir, PACKAGES), {
      name: 'InputError',
      message: `${osvIndexPath(dir)}: older than the records it indexes (${join(dir, 'npm')} changed since it was built); rebuild it: kubeward images db index ${dir}`,
    });
    await indexOsvDirectory(dir);
    const rebuilt = await openOsvDatabase(dir, PACKAGES);
    assert.ok(matches(rebuilt).some((line) => line.startsWith('GHSA-new lodash')));
    unlinkSync(join(dir, 'npm', 'GHSA-new.json'));
    await assert.rejects(openOsvDatabase(dir, PACKAGES), /older than the records it indexes/);
    rmSync(join(dir, 'Debian', 'nested'), { recursive: true });
    await indexOsvDirectory(dir);
    mkdirSync(join(dir, 'Debian', 'nested'));
    await assert.rejects(openOsvDatabase(dir, PACKAGES), new RegExp(`\\(${join(dir, 'Debian')} changed`));
  });

  it('refuses a directory that is none, and a file that is no index', async () => {
    await assert.rejects(indexOsvDirectory(join(dir, 'missing')), {
      message: `${join(dir, 'missing')}: not a directory of OSV records`,
    });
    writeFileSync(osvIndexPath(dir), '{"format":"something else"}\n');
    await assert.rejects(openOsvDatabase(dir, PACKAGES), {
      message: `${osvIndexPath(dir)}: not a kubeward OSV index of version 2; rebuild it: kubeward images db index ${dir}`,
    });
  });
});
