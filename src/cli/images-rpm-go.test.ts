import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { writeOciLayout } from '../testing/oci-image.ts';
import { goBinary, ROCKY9_RPMS, rpmSqliteDatabase } from '../testing/package-databases.ts';
import { needs } from '../testing/tools.ts';

const temporary = mkdtempSync(join(tmpdir(), 'kubeward-images-rpm-go-'));
after(() => {
  rmSync(temporary, { recursive: true, force: true });
});

const ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n';

/** An OSV record (ossf/osv-schema docs/schema.md) of one package, affected from 0 to `fixed`. */
function osvRecord(id: string, ecosystem: string, name: string, type: string, fixed: string): string {
  return JSON.stringify({
    id,
    modified: '2026-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem, name }, ranges: [{ type, events: [{ introduced: '0' }, { fixed }] }] },
    ],
  });
}

interface Bom {
  readonly components: readonly {
    readonly type: string;
    readonly name: string;
    readonly version: string;
    readonly purl?: string;
    readonly properties?: readonly { readonly name: string; readonly value: string }[];
  }[];
}

describe(
  'kubeward images sbom / vulns: rpm databases and Go binaries of a layout',
  needs('rpmbuild', 'rpmdb', 'rpm', 'go'),
  () => {
    const layout = join(temporary, 'layout');
    const db = join(temporary, 'osv');
    let goVersion = '';
    before(() => {
      const rpmdb = rpmSqliteDatabase(join(temporary, 'rpm'), ROCKY9_RPMS);
      const binary = goBinary(join(temporary, 'go'));
      goVersion = /go1\.[0-9.a-z]+/.exec(new TextDecoder('latin1').decode(binary))?.[0] ?? '';
      writeOciLayout(layout, [
        [
          { path: 'etc/os-release', content: ROCKY },
          { path: 'var/lib/rpm/rpmdb.sqlite', content: rpmdb },
          { path: 'usr/bin/old-app', content: binary, mode: 0o755 },
        ],
        [
          { path: 'usr/bin/.wh.old-app' },
          { path: 'usr/local/bin/app', content: binary, mode: 0o755 },
          { path: 'srv/app-copy', content: binary, mode: 0o644 },
          { path: 'usr/bin/tool.sh', content: '#!/bin/sh\necho hello\n', mode: 0o755 },
        ],
      ]);
      mkdirSync(db, { recursive: true });
      const records: readonly [string, string, string, string, string][] = [
        ['ROCKY-2026-1', 'Rocky Linux:9', 'hello-kw', 'ECOSYSTEM', '2:1.2.3-5.el9'],
        ['ROCKY-2026-2', 'Rocky Linux:9', 'hello-kw', 'ECOSYSTEM', '2:1.2.3-4.el9'],
        ['ROCKY-2026-3', 'Rocky Linux:9', 'tool-kw', 'ECOSYSTEM', '0.9-1.el9'],
        ['GO-2026-1', 'Go', 'example.com/greeting', 'SEMVER', '0.1.0'],
        ['GO-2026-2', 'Go', 'stdlib', 'SEMVER', '1.18.0'],
      ];
      for (const [id, ecosystem, name, type, fixed] of records)
        writeFileSync(join(db, `${id}.json`), osvRecord(id, ecosystem, name, type, fixed));
    });

    it('lists the rpm packages with their exact versions and the Go modules of the executables', () => {
      const run = runCli(['images', 'sbom', '--layout', layout]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      const bom = JSON.parse(run.stdout) as Bom;
      const file = (c: Bom['components'][number]): string =>
        c.properties?.find((p) => p.name === 'kubeward:file')?.value ?? '-';
      assert.deepEqual(
        bom.components.map((c) => `${c.type} ${c.name} ${c.version} ${c.purl ?? '-'} ${file(c)}`).sort(),
        [
          'library example.com/greeting v0.0.0 pkg:golang/example.com/greeting@v0.0.0 /usr/local/bin/app',
          'library hello-kw 1.2.3-4.el9 pkg:rpm/rocky/hello-kw@1.2.3-4.el9?arch=noarch&distro=rocky-9.3&epoch=2 /var/lib/rpm/rpmdb.sqlite',
          'library hello-kw-libs 1.2.3-4.el9 pkg:rpm/rocky/hello-kw-libs@1.2.3-4.el9?arch=noarch&distro=rocky-9.3&epoch=2 /var/lib/rpm/rpmdb.sqlite',
          `library stdlib ${goVersion.slice(2)} pkg:golang/stdlib@${goVersion.slice(2)} /usr/local/bin/app`,
          'library tool-kw 0.9~rc1-1.el9 pkg:rpm/rocky/tool-kw@0.9~rc1-1.el9?arch=noarch&distro=rocky-9.3 /var/lib/rpm/rpmdb.sqlite',
          'operating-system rocky 9.3 - -',
        ],
      );
    });

    it('matches them with rpm and semver ordering: epochs, ~, fixed at the installed version', () => {
      const run = runCli(['images', 'vulns', '--layout', layout, '--db', db, '-o', 'json']);
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as {
        vulnerabilities: {
          id: string;
          package: { name: string; version: string };
          fixedVersions: string[];
        }[];
      };
      assert.deepEqual(
        report.vulnerabilities
          .map((v) => `${v.id} ${v.package.name} ${v.package.version} ${v.fixedVersions.join(',')}`)
          .sort(),
        [
          'GO-2026-1 example.com/greeting v0.0.0 0.1.0',
          'ROCKY-2026-1 hello-kw 1.2.3-4.el9 2:1.2.3-5.el9',
          'ROCKY-2026-1 hello-kw-libs 1.2.3-4.el9 2:1.2.3-5.el9',
          'ROCKY-2026-3 tool-kw 0.9~rc1-1.el9 0.9-1.el9',
        ],
      );
    });

    it('warns about a damaged rpm database and still lists the Go modules, exit 0', () => {
      const damaged = join(temporary, 'damaged');
      writeOciLayout(damaged, [
        [
          { path: 'etc/os-release', content: ROCKY },
          { path: 'var/lib/rpm/rpmdb.sqlite', content: 'SQLite format 3\u0000 but nothing after' },
          {
            path: 'app',
            content: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ...new Uint8Array(200)]),
            mode: 0o755,
          },
        ],
      ]);
      const run = runCli(['images', 'sbom', '--layout', damaged]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(
        run.stderr,
        '/var/lib/rpm/rpmdb.sqlite: warning: not read as an rpm database: file is not a database\n',
      );
      assert.deepEqual(
        (JSON.parse(run.stdout) as Bom).components.map((c) => c.name),
        ['rocky'],
      );
    });
  },
);
