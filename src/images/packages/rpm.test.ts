import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSqlite } from '../../load/sqlite.ts';
import type { SqliteQuery } from '../../load/sqlite.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import {
  berkeleyHashDatabase,
  ndbPackagesDatabase,
  ROCKY9_RPMS,
  rpmSqliteDatabase,
} from '../../testing/package-databases.ts';
import { needs } from '../../testing/tools.ts';
import { compareVersions } from '../versions/index.ts';
import { imageContents, needsSqlite } from './index.ts';
import { parseRpmHeader, RPM_TAG } from './rpm-header.ts';
import { rpmEcosystem, sourceRpmName } from './rpm.ts';

const temporary = mkdtempSync(join(tmpdir(), 'kubeward-rpm-'));
after(() => {
  rmSync(temporary, { recursive: true, force: true });
});

const encoder = new TextEncoder();
const ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n';

/** A header blob as rpm's docs/manual/format_header.md lays one out: entries, then the store. */
function headerBlob(
  entries: readonly [tag: number, type: number, offset: number, count: number][],
  store: Uint8Array,
): Uint8Array {
  const blob = new Uint8Array(8 + entries.length * 16 + store.length);
  const view = new DataView(blob.buffer);
  view.setUint32(0, entries.length);
  view.setUint32(4, store.length);
  for (const [index, [tag, type, offset, count]] of entries.entries()) {
    view.setUint32(8 + index * 16, tag);
    view.setUint32(12 + index * 16, type);
    view.setUint32(16 + index * 16, offset);
    view.setUint32(20 + index * 16, count);
  }
  blob.set(store, 8 + entries.length * 16);
  return blob;
}

describe('rpm header blobs', () => {
  const wanted = new Set<number>(Object.values(RPM_TAG));
  it('reads strings and a 32-bit epoch from the store', () => {
    const store = new Uint8Array([...encoder.encode('bash\u00005.1.8\u0000'), 0, 0, 0, 0, 1]);
    const result = parseRpmHeader(
      headerBlob(
        [
          [RPM_TAG.name, 6, 0, 1],
          [RPM_TAG.version, 6, 5, 1],
          [RPM_TAG.epoch, 4, 12, 1],
        ],
        store,
      ),
      wanted,
    );
    assert.ok('tags' in result);
    assert.deepEqual(
      [...result.tags],
      [
        [RPM_TAG.name, ['bash']],
        [RPM_TAG.version, ['5.1.8']],
        [RPM_TAG.epoch, [1]],
      ],
    );
  });

  it('names what is wrong with a blob that is no header', () => {
    const problem = (blob: Uint8Array): string => {
      const result = parseRpmHeader(blob, wanted);
      return 'problem' in result ? result.problem : 'parsed';
    };
    assert.equal(problem(new Uint8Array(3)), 'a header of 3 bytes');
    assert.equal(
      problem(headerBlob([[RPM_TAG.name, 6, 0, 1]], new Uint8Array(0)).subarray(0, 20)),
      'a header of 20 bytes announcing 1 entries and 0 bytes of data',
    );
    assert.equal(
      problem(headerBlob([[RPM_TAG.name, 6, 9, 1]], encoder.encode('bash\u0000'))),
      'tag 1000 points at byte 9 of a 5-byte store',
    );
    assert.equal(
      problem(headerBlob([[RPM_TAG.name, 6, 0, 1]], encoder.encode('bash'))),
      'tag 1000: a string without its terminating NUL',
    );
    assert.equal(
      problem(headerBlob([[RPM_TAG.epoch, 4, 2, 1]], new Uint8Array(8))),
      'tag 1003: integers at unaligned byte 2',
    );
    assert.equal(
      problem(headerBlob([[RPM_TAG.arch, 77, 0, 1]], new Uint8Array(4))),
      'tag 1022: unknown type 77',
    );
  });
});

describe('OSV ecosystems and names of rpm distributions', () => {
  const distribution = (
    id: string,
    versionId: string,
    extra: { prettyName?: string; cpeName?: string } = {},
  ) => ({
    id,
    versionId,
    versionCodename: undefined,
    prettyName: extra.prettyName,
    cpeName: extra.cpeName,
    file: 'etc/os-release',
  });
  it('follows ossf/osv-schema docs/schema.md "Defined ecosystems"', () => {
    assert.equal(rpmEcosystem(distribution('rocky', '9.3')), 'Rocky Linux:9');
    assert.equal(rpmEcosystem(distribution('almalinux', '8.10')), 'AlmaLinux:8');
    assert.equal(
      rpmEcosystem(distribution('rhel', '9.4', { cpeName: 'cpe:/o:redhat:enterprise_linux:9::baseos' })),
      'Red Hat:enterprise_linux:9::baseos',
    );
    assert.equal(
      rpmEcosystem(distribution('opensuse-leap', '15.5', { prettyName: 'openSUSE Leap 15.5' })),
      'openSUSE:openSUSE Leap 15.5',
    );
    assert.equal(
      rpmEcosystem(distribution('sles', '15.5', { prettyName: 'SUSE Linux Enterprise Server 15 SP5' })),
      'SUSE:SUSE Linux Enterprise Server 15 SP5',
    );
    assert.equal(rpmEcosystem(distribution('fedora', '40')), 'fedora:40');
    assert.equal(rpmEcosystem(undefined), 'rpm');
  });

  it('takes the source package name from SOURCERPM', () => {
    assert.equal(sourceRpmName('openssl-3.0.7-27.el9.src.rpm'), 'openssl');
    assert.equal(sourceRpmName('python3.11-3.11.5-1.el9_3.src.rpm'), 'python3.11');
    assert.equal(sourceRpmName('not-a-source-rpm'), undefined);
  });
});

describe('rpm sqlite databases (rpm ≥ 4.16) made by the real rpm', needs('rpmbuild', 'rpmdb', 'rpm'), () => {
  let sqlite: SqliteQuery;
  let database: Uint8Array;
  before(async () => {
    sqlite = await loadSqlite();
    database = rpmSqliteDatabase(temporary, ROCKY9_RPMS);
  });

  it('lists each installed package with its exact version, epoch, source and purl', () => {
    const files = new Map([
      ['etc/os-release', encoder.encode(ROCKY)],
      ['usr/lib/sysimage/rpm/rpmdb.sqlite', database],
    ]);
    assert.equal(needsSqlite(files), true);
    const contents = imageContents(files, { sqlite });
    assert.deepEqual(contents.diagnostics, []);
    assert.deepEqual(
      [...contents.packages]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => [p.name, p.version, p.advisoryName, p.advisoryVersion, p.ecosystem, p.license, p.purl]),
      [
        [
          'hello-kw',
          '1.2.3-4.el9',
          'hello-kw',
          '2:1.2.3-4.el9',
          'Rocky Linux:9',
          'MIT',
          'pkg:rpm/rocky/hello-kw@1.2.3-4.el9?arch=noarch&distro=rocky-9.3&epoch=2',
        ],
        [
          'hello-kw-libs',
          '1.2.3-4.el9',
          'hello-kw',
          '2:1.2.3-4.el9',
          'Rocky Linux:9',
          'MIT',
          'pkg:rpm/rocky/hello-kw-libs@1.2.3-4.el9?arch=noarch&distro=rocky-9.3&epoch=2',
        ],
        [
          'tool-kw',
          '0.9~rc1-1.el9',
          'tool-kw',
          '0.9~rc1-1.el9',
          'Rocky Linux:9',
          'Apache-2.0',
          'pkg:rpm/rocky/tool-kw@0.9~rc1-1.el9?arch=noarch&distro=rocky-9.3',
        ],
      ],
    );
    const tool = contents.packages.find((p) => p.name === 'tool-kw');
    assert.equal(compareVersions('Rocky Linux:9', tool?.advisoryVersion ?? '', '0.9-1.el9'), -1);
  });

  it('warns, naming the file, when the database cannot be read, and without SQLite', () => {
    const broken = imageContents(
      new Map([['var/lib/rpm/rpmdb.sqlite', encoder.encode('not sqlite at all')]]),
      {
        sqlite,
      },
    );
    assert.deepEqual(broken.packages, []);
    assert.deepEqual(broken.diagnostics, [
      {
        level: 'warning',
        file: '/var/lib/rpm/rpmdb.sqlite',
        line: 0,
        column: 0,
        message: 'not read as an rpm database: file is not a database',
      },
    ]);
    const without = imageContents(new Map([['var/lib/rpm/rpmdb.sqlite', database]]));
    assert.deepEqual(
      without.diagnostics.map((d: Diagnostic) => d.message),
      ['an rpm database not read: no SQLite given'],
    );
  });

  it('leaves out a row whose blob is no header, with a warning naming its row, and reads the others', async () => {
    const { default: initSqlJs } = await import('sql.js');
    const engine = await initSqlJs();
    const db = new engine.Database(database);
    db.run('INSERT INTO Packages (hnum, blob) VALUES (?, ?)', [99, new Uint8Array([0, 0, 0, 9])]);
    const damaged = db.export();
    db.close();
    const contents = imageContents(new Map([['var/lib/rpm/rpmdb.sqlite', damaged]]), { sqlite });
    assert.equal(contents.packages.length, 3);
    assert.deepEqual(
      contents.diagnostics.map((d) => `${d.file}: ${d.level}: ${d.message}`),
      ['/var/lib/rpm/rpmdb.sqlite: warning: rpm package 99 left out: a header of 4 bytes'],
    );
  });
});

describe(
  'rpm Berkeley DB databases (rpm < 4.16) written by Berkeley DB',
  needs('rpmbuild', 'rpmdb', 'rpm', 'db5.3_load'),
  () => {
    let packages: Uint8Array;
    before(async () => {
      const sqlite = await loadSqlite();
      const database = rpmSqliteDatabase(join(temporary, 'for-bdb'), [
        {
          name: 'hello-kw',
          version: '1.2.3',
          release: '4.el8',
          epoch: 2,
          license: 'MIT',
          subpackages: ['libs'],
        },
        { name: 'tool-kw', version: '0.9~rc1', release: '1.el8', license: 'Apache-2.0' },
      ]);
      const headers = [...sqlite(database, 'SELECT hnum, blob FROM Packages ORDER BY hnum')].map(
        ([hnum, blob]) => ({
          key: Number(hnum),
          value: blob as Uint8Array,
        }),
      );
      const nextInstance = new Uint8Array([headers.length + 1, 0, 0, 0]);
      packages = berkeleyHashDatabase(join(temporary, 'bdb'), [{ key: 0, value: nextInstance }, ...headers]);
    });

    it('lists the packages of var/lib/rpm/Packages, headers on overflow pages, key 0 left out', () => {
      const rocky8 = 'ID="rocky"\nVERSION_ID="8.10"\n';
      const files = new Map([
        ['etc/os-release', encoder.encode(rocky8)],
        ['var/lib/rpm/Packages', packages],
      ]);
      assert.equal(needsSqlite(files), false);
      const contents = imageContents(files);
      assert.deepEqual(contents.diagnostics, []);
      assert.deepEqual(
        contents.packages
          .map((p) => `${p.ecosystem} ${p.name} ${p.version} ${p.advisoryName} ${p.advisoryVersion}`)
          .sort(),
        [
          'Rocky Linux:8 hello-kw 1.2.3-4.el8 hello-kw 2:1.2.3-4.el8',
          'Rocky Linux:8 hello-kw-libs 1.2.3-4.el8 hello-kw 2:1.2.3-4.el8',
          'Rocky Linux:8 tool-kw 0.9~rc1-1.el8 tool-kw 0.9~rc1-1.el8',
        ],
      );
    });

    it('warns about a file that is no hash database, and an overflow chain cut off', () => {
      const messages = (bytes: Uint8Array): string[] =>
        imageContents(new Map([['var/lib/rpm/Packages', bytes]])).diagnostics.map(
          (d) => `${d.file}: ${d.message}`,
        );
      assert.deepEqual(messages(encoder.encode('not a database')), [
        '/var/lib/rpm/Packages: not read as an rpm database: no Berkeley DB hash database (no hash magic on its first page)',
      ]);
      const cut = packages.subarray(0, packages.length - 4096);
      const [message] = messages(cut);
      assert.match(
        message ?? '',
        /^\/var\/lib\/rpm\/Packages: not read as an rpm database: hash page \d+ item \d+: (an overflow chain leaving the file at page \d+|page \d+ of an overflow chain is no overflow page)$/,
      );
    });
  },
);

describe('rpm NDB databases (SUSE Packages.db)', needs('rpmbuild', 'rpmdb', 'rpm'), () => {
  let packages: Uint8Array;
  before(async () => {
    const sqlite = await loadSqlite();
    const database = rpmSqliteDatabase(join(temporary, 'for-ndb'), [
      { name: 'hello-kw', version: '1.2.3', release: '150500.4.1', license: 'MIT', subpackages: ['libs'] },
    ]);
    const blobs = [...sqlite(database, 'SELECT hnum, blob FROM Packages ORDER BY hnum')].map(
      ([hnum, blob]) => ({
        index: Number(hnum),
        blob: blob as Uint8Array,
      }),
    );
    packages = ndbPackagesDatabase(blobs);
  });

  it('lists the packages of usr/lib/sysimage/rpm/Packages.db under the SUSE ecosystem', () => {
    const sles = 'ID="sles"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"\n';
    const contents = imageContents(
      new Map([
        ['etc/os-release', encoder.encode(sles)],
        ['usr/lib/sysimage/rpm/Packages.db', packages],
      ]),
    );
    assert.deepEqual(contents.diagnostics, []);
    assert.deepEqual(
      contents.packages
        .map((p) => `${p.ecosystem} ${p.name} ${p.version} ${p.advisoryName} ${p.purl}`)
        .sort(),
      [
        'SUSE:SUSE Linux Enterprise Server 15 SP5 hello-kw 1.2.3-150500.4.1 hello-kw pkg:rpm/suse/hello-kw@1.2.3-150500.4.1?arch=noarch&distro=sles-15.5',
        'SUSE:SUSE Linux Enterprise Server 15 SP5 hello-kw-libs 1.2.3-150500.4.1 hello-kw pkg:rpm/suse/hello-kw-libs@1.2.3-150500.4.1?arch=noarch&distro=sles-15.5',
      ],
    );
  });

  it('warns about a blob whose checksum fails, keeping the packages before it', () => {
    const damaged = packages.slice();
    const second = new DataView(damaged.buffer).getUint32(32 + 16 + 8, true) * 16;
    damaged[second + 40] = (damaged[second + 40] ?? 0) ^ 0xff;
    const contents = imageContents(new Map([['usr/lib/sysimage/rpm/Packages.db', damaged]]));
    assert.equal(contents.packages.length, 1);
    assert.deepEqual(
      contents.diagnostics.map((d) => `${d.file}: ${d.message}`),
      [
        `/usr/lib/sysimage/rpm/Packages.db: not read as an rpm database: package 2 (slot 2) fails its adler32 checksum`,
      ],
    );
    assert.deepEqual(
      imageContents(new Map([['usr/lib/sysimage/rpm/Packages.db', encoder.encode('RpmX')]])).diagnostics.map(
        (d) => d.message,
      ),
      ['not read as an rpm database: no NDB package database (no RpmP magic)'],
    );
  });
});
