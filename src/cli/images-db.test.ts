// images db update and images vulns, as a user runs them: exports served by a local HTTPS server
// (zips of records written for this test after ossf/osv-schema docs/schema.md, laid out as
// google/osv.dev docs/data.md describes its dumps), an OCI layout with a dpkg status file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCliAsync } from '../testing/cli.ts';
import { writeOciLayout } from '../testing/oci-image.ts';
import { recordFiles, startExportServer, zipOf } from '../testing/osv-exports.ts';
import type { ExportServer } from '../testing/osv-exports.ts';
import { freePort } from '../testing/test-servers.ts';
import { needs } from '../testing/tools.ts';

const RECORDS = [
  {
    id: 'DEBIAN-CVE-2026-0010',
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.15-1~deb12u1' }] }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2026-0011',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N' }],
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      },
    ],
  },
];

describe('kubeward images db update', needs('openssl'), () => {
  let dir: string;
  let server: ExportServer;
  let layout: string;
  let env: Record<string, string>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-images-db-'));
    server = await startExportServer(join(dir, 'pki'));
    server.serve('Debian', await zipOf(recordFiles(RECORDS)));
    layout = join(dir, 'layout');
    writeOciLayout(layout, [
      [
        { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
        {
          path: 'var/lib/dpkg/status',
          content:
            'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.14-1~deb12u2\nDescription: ssl\n',
        },
      ],
    ]);
    env = { NODE_EXTRA_CA_CERTS: server.caFile, XDG_CACHE_HOME: join(dir, 'cache') };
  });

  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads into the cache directory, then images vulns reads it as it reads the records', async () => {
    const update = await runCliAsync(
      ['images', 'db', 'update', '--ecosystem', 'Debian', '--base-url', server.url],
      {
        env,
      },
    );
    assert.equal(update.status, 0, update.stderr);
    const database = join(dir, 'cache', 'kubeward', 'osv');
    assert.equal(
      update.stdout,
      `Debian: 2 records from ${server.url}/Debian/all.zip\n${database}: 1 of 1 ecosystems up to date\n`,
    );
    const again = await runCliAsync(['images', 'db', 'update', '--base-url', server.url], { env });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(
      again.stdout,
      `Debian: unchanged since the last update (2 records)\n${database}: 1 of 1 ecosystems up to date\n`,
    );
    const records = join(dir, 'records');
    mkdirSync(records);
    for (const record of RECORDS) writeFileSync(join(records, `${record.id}.json`), JSON.stringify(record));
    const viaCache = await runCliAsync(['images', 'vulns', '--layout', layout, '-o', 'json'], { env });
    const viaRecords = await runCliAsync(
      ['images', 'vulns', '--layout', layout, '--db', records, '-o', 'json'],
      { env },
    );
    assert.equal(viaCache.status, 1, viaCache.stderr);
    assert.equal(viaRecords.status, 1, viaRecords.stderr);
    assert.equal(viaCache.stdout, viaRecords.stdout);
    const found = JSON.parse(viaCache.stdout) as {
      vulnerabilities: { id: string; fixedVersions: string[] }[];
    };
    assert.deepEqual(
      found.vulnerabilities.map((v) => [v.id, v.fixedVersions]),
      [
        ['DEBIAN-CVE-2026-0011', []],
        ['DEBIAN-CVE-2026-0010', ['3.0.15-1~deb12u1']],
      ],
    );
  });

  it('exits 2 naming the URL it could not reach, and refuses an ecosystem name that is no folder name', async () => {
    const closed = `https://127.0.0.1:${String(await freePort())}`;
    const offline = await runCliAsync(
      [
        'images',
        'db',
        'update',
        '--dir',
        join(dir, 'offline'),
        '--ecosystem',
        'Alpine',
        '--base-url',
        closed,
      ],
      { env },
    );
    assert.equal(offline.status, 2);
    assert.equal(
      offline.stdout,
      `Alpine: not updated: ${closed}/Alpine/all.zip: connect ECONNREFUSED ${closed.slice(8)}\n${join(dir, 'offline')}: 0 of 1 ecosystems up to date\n`,
    );
    const bad = await runCliAsync(['images', 'db', 'update', '--ecosystem', '../etc', '--base-url', closed], {
      env,
    });
    assert.equal(bad.status, 2);
    assert.equal(
      bad.stderr,
      'error: --ecosystem "../etc": give an ecosystem as OSV names its exports (Debian, Alpine, npm, PyPI, Red Hat)\n',
    );
  });

  it('tells where to get a database when there is none', async () => {
    const run = await runCliAsync(['images', 'vulns', '--layout', layout], {
      env: { ...env, XDG_CACHE_HOME: join(dir, 'empty') },
    });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      `error: ${join(dir, 'empty', 'kubeward', 'osv')}: no OSV database yet: download one with kubeward images db update, or give --db DIR\n`,
    );
  });
});
