// OSV exports served by a local HTTPS server: zips of records written for these tests after the
// OSV schema (ossf/osv-schema docs/schema.md), laid out as google/osv.dev docs/data.md describes
// its per-ecosystem dumps (`<ECOSYSTEM>/all.zip` of `<ID>.json`).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { matchVulnerabilities } from '../images/osv/match.ts';
import type { ImagePackage } from '../images/package.ts';
import { freePort } from '../testing/test-servers.ts';
import { needs } from '../testing/tools.ts';
import { recordFiles, startExportServer, zipOf } from '../testing/osv-exports.ts';
import type { ExportServer } from '../testing/osv-exports.ts';
import { openOsvDatabase } from './database.ts';
import { exportUrl, updateOsvDatabase } from './update.ts';
import type { UpdateOptions } from './update.ts';

function record(id: string, ecosystem: string, name: string, fixed?: string): { id: string } {
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    schema_version: '1.6.0',
    affected: [
      {
        package: { ecosystem, name },
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...(fixed === undefined ? [] : [{ fixed }])] },
        ],
      },
    ],
  } as { id: string };
}

const DEBIAN = [
  record('DEBIAN-CVE-2026-0001', 'Debian:12', 'zlib', '1:1.2.13.dfsg-2'),
  record('DEBIAN-CVE-2026-0002', 'Debian:12', 'curl', '7.88.1-10+deb12u6~rc1'),
  record('DEBIAN-CVE-2026-0003', 'Debian:12', 'curl'),
];
const RED_HAT = [record('RHSA-2026:0001', 'Red Hat:enterprise_linux:9::baseos', 'openssl', '1:3.0.7-27.el9')];

function pkg(ecosystem: string, name: string, version: string): ImagePackage {
  return {
    name,
    version,
    ecosystem,
    origin: 'dpkg',
    advisoryName: name,
    advisoryVersion: version,
    file: '/var/lib/dpkg/status',
    purl: `pkg:deb/debian/${name}@${version}`,
  };
}

const PACKAGES = [pkg('Debian:12', 'zlib', '1:1.2.13.dfsg-1'), pkg('Debian:12', 'curl', '7.88.1-10+deb12u5')];

describe('images db update against a local export server', needs('openssl'), () => {
  let dir: string;
  let server: ExportServer;
  let options: UpdateOptions;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-db-update-'));
    server = await startExportServer(join(dir, 'pki'));
    options = {
      directory: join(dir, 'osv'),
      ecosystems: ['Debian', 'Red Hat'],
      baseUrl: `${server.url}/`,
      timeoutMs: 10_000,
      ca: server.ca,
      userAgent: 'kubeward-test',
    };
  });

  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads each export, unpacks and indexes it, and names what it left out', async () => {
    server.serve(
      'Debian',
      await zipOf({ ...recordFiles(DEBIAN), 'README.txt': 'not a record', 'nested/X-1.json': '{}' }),
    );
    server.serve('Red Hat', await zipOf(recordFiles(RED_HAT)));
    const updates = await updateOsvDatabase(options);
    assert.deepEqual(
      updates.map((u) => [u.ecosystem, u.status, u.records, u.url, u.skipped]),
      [
        ['Debian', 'updated', 3, `${server.url}/Debian/all.zip`, ['README.txt', 'nested/X-1.json']],
        ['Red Hat', 'updated', 1, `${server.url}/Red%20Hat/all.zip`, []],
      ],
    );
    assert.deepEqual(readdirSync(join(options.directory, 'Debian')).sort(), [
      '.kubeward',
      'DEBIAN-CVE-2026-0001.json',
      'DEBIAN-CVE-2026-0002.json',
      'DEBIAN-CVE-2026-0003.json',
    ]);
    assert.deepEqual(readdirSync(options.directory).sort(), ['Debian', 'Red Hat'], 'no staging left behind');
    const state: { etag: string; lastModified: string } = JSON.parse(
      readFileSync(join(options.directory, 'Debian', '.kubeward', 'export.json'), 'utf8'),
    );
    assert.match(state.etag, /^"[0-9a-f]{16}"$/);
    assert.equal(state.lastModified, 'Thu, 01 Jan 2026 00:00:00 GMT');
    const opened = await openOsvDatabase(options.directory, PACKAGES);
    assert.equal(opened.records, 4);
    assert.deepEqual(opened.indexed, [join(options.directory, 'Debian'), join(options.directory, 'Red Hat')]);
    assert.deepEqual(
      matchVulnerabilities(PACKAGES, opened.database).vulnerabilities.map((v) => `${v.id} ${v.package.name}`),
      ['DEBIAN-CVE-2026-0001 zlib', 'DEBIAN-CVE-2026-0002 curl', 'DEBIAN-CVE-2026-0003 curl'],
    );
  });

  it('asks with the ETag it holds and keeps an unchanged export without downloading it', async () => {
    const seen = server.requests.length;
    const updates = await updateOsvDatabase(options);
    assert.deepEqual(
      updates.map((u) => [u.ecosystem, u.status, u.records]),
      [
        ['Debian', 'unchanged', 3],
        ['Red Hat', 'unchanged', 1],
      ],
    );
    const asked = server.requests.slice(seen);
    assert.deepEqual(
      asked.map((r) => [r.path, r.status, typeof r.headers['if-none-match']]),
      [
        ['/Debian/all.zip', 304, 'string'],
        ['/Red%20Hat/all.zip', 304, 'string'],
      ],
    );
  });

  it('replaces the folder of an export that changed: records gone are gone, new ones are matched', async () => {
    const next = [DEBIAN[0], record('DEBIAN-CVE-2026-0004', 'Debian:12', 'curl', '7.88.1-10+deb12u7')];
    server.serve(
      'Debian',
      await zipOf(recordFiles(next as { id: string }[])),
      'Fri, 02 Jan 2026 00:00:00 GMT',
    );
    const updates = await updateOsvDatabase({ ...options, ecosystems: ['Debian'] });
    assert.deepEqual(
      updates.map((u) => [u.status, u.records]),
      [['updated', 2]],
    );
    const opened = await openOsvDatabase(options.directory, PACKAGES);
    assert.deepEqual(
      matchVulnerabilities(PACKAGES, opened.database).vulnerabilities.map((v) => v.id),
      ['DEBIAN-CVE-2026-0001', 'DEBIAN-CVE-2026-0004'],
    );
    assert.equal(existsSync(join(options.directory, 'Debian', 'DEBIAN-CVE-2026-0003.json')), false);
  });

  it('reports an export the server refuses, keeps the folder it had, and goes on with the others', async () => {
    server.fail('Debian', 503);
    const updates = await updateOsvDatabase(options);
    assert.deepEqual(
      updates.map((u) => [u.ecosystem, u.status, u.error]),
      [
        ['Debian', 'failed', `${server.url}/Debian/all.zip: refused (HTTP 503)`],
        ['Red Hat', 'unchanged', undefined],
      ],
    );
    const opened = await openOsvDatabase(options.directory, PACKAGES);
    assert.equal(opened.records, 3);
    assert.deepEqual(readdirSync(options.directory).sort(), ['Debian', 'Red Hat']);
  });

  it('refuses a zip that is none, one that escapes its folder, and one larger than allowed', async () => {
    server.serve('Debian', Buffer.from('<html>not a zip</html>'));
    const [notZip] = await updateOsvDatabase({ ...options, ecosystems: ['Debian'] });
    assert.equal(notZip?.status, 'failed');
    assert.match(notZip?.error ?? '', new RegExp(`^${exportUrl(server.url, 'Debian')}: not a zip archive: `));
    // yazl writes no such name: a name of the same length is written, then patched in place in the
    // local header and the central directory (the CRC covers the content, not the name).
    const safe = await zipOf({ 'zz/escape.json': '{}', ...recordFiles(DEBIAN) });
    server.serve(
      'Debian',
      Buffer.from(safe.toString('latin1').replaceAll('zz/escape.json', '../escape.json'), 'latin1'),
    );
    const [escaping] = await updateOsvDatabase({ ...options, ecosystems: ['Debian'] });
    assert.equal(
      escaping?.error,
      `${exportUrl(server.url, 'Debian')}: not a readable OSV export: invalid relative path: ../escape.json`,
    );
    assert.equal(existsSync(join(options.directory, 'escape.json')), false);
    server.serve('Debian', await zipOf(recordFiles(DEBIAN)));
    const [large] = await updateOsvDatabase({ ...options, ecosystems: ['Debian'], maxDownloadBytes: 100 });
    assert.match(large?.error ?? '', /Debian\/all\.zip: \d+ bytes, more than the 100 accepted$/);
    assert.deepEqual(readdirSync(options.directory).sort(), ['Debian', 'Red Hat'], 'nothing staged is left');
  });

  it('names the URL when the server cannot be reached', async () => {
    const closed = `https://127.0.0.1:${String(await freePort())}`;
    const [offline] = await updateOsvDatabase({ ...options, baseUrl: closed, ecosystems: ['Alpine'] });
    assert.equal(offline?.status, 'failed');
    assert.equal(
      offline?.error,
      `${closed}/Alpine/all.zip: connect ECONNREFUSED ${closed.slice('https://'.length)}`,
    );
  });
});
