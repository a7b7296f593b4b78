// scan --images against Debian's docker-registry: images the test pushes hold a dpkg status file
// (deb-control(5) fields, Source: with and without a version) and os-release; the OSV records are
// written for this test after the OSV schema (ossf/osv-schema docs/schema.md): a fix with an epoch,
// a `~` fix, an unfixed range, a CVSS 3.1 vector and a database severity.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { basicAuth, RegistryPusher, startRegistry } from '../testing/registry.ts';
import type { PushedImage, RunningRegistry } from '../testing/registry.ts';
import { needs } from '../testing/tools.ts';

const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n';

function status(packages: readonly { name: string; version: string; source?: string }[]): string {
  return packages
    .map(
      ({ name, version, source }) =>
        `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source === undefined ? '' : `Source: ${source}\n`}Version: ${version}\nDescription: ${name}\n`,
    )
    .join('\n');
}

const VULNERABLE = status([
  { name: 'libc6', version: '2.36-9+deb12u4', source: 'glibc' },
  { name: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib' },
  { name: 'curl', version: '7.88.1-10+deb12u5' },
]);
const PATCHED = status([
  { name: 'libc6', version: '2.36-9+deb12u5', source: 'glibc' },
  { name: 'zlib1g', version: '1:1.2.13.dfsg-2', source: 'zlib' },
]);

const RECORDS = [
  {
    id: 'DSA-0001-1',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'glibc' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.36-9+deb12u5' }] }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2026-0002',
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'zlib' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:1.2.13.dfsg-2' }] }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2026-0003',
    database_specific: { severity: 'medium' },
    affected: [
      {
        package: { ecosystem: 'Debian', name: 'curl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.88.1-10+deb12u6~rc1' }] }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2026-0004',
    database_specific: { severity: 'low' },
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'curl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      },
    ],
  },
];

interface ScanJson {
  findings: {
    check: string;
    severity: string;
    theme: string;
    field: string;
    location: { line: number };
    message: string;
  }[];
}

describe(
  'scan --images with an OSV database, against docker-registry',
  needs('docker-registry', 'htpasswd', 'openssl'),
  () => {
    let dir: string;
    let registry: RunningRegistry;
    let api: PushedImage;
    let env: Record<string, string>;
    let deploy: string;
    let database: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-scan-vulns-'));
      registry = await startRegistry(join(dir, 'registry'), { kind: 'htpasswd', users: { ann: 's3cret' } });
      const pusher = new RegistryPusher(registry, () => Promise.resolve(basicAuth('ann', 's3cret')));
      api = await pusher.image('team/api', '1.0', {
        'etc/os-release': OS_RELEASE,
        'var/lib/dpkg/status': VULNERABLE,
      });
      await pusher.image('team/base', '2', { 'etc/os-release': OS_RELEASE, 'var/lib/dpkg/status': PATCHED });
      const docker = join(dir, 'docker');
      mkdirSync(docker);
      writeFileSync(
        join(docker, 'config.json'),
        JSON.stringify({
          auths: { [registry.host]: { auth: Buffer.from('ann:s3cret').toString('base64') } },
        }),
      );
      writeFileSync(join(dir, 'ca.crt'), registry.ca);
      env = {
        DOCKER_CONFIG: docker,
        NODE_EXTRA_CA_CERTS: join(dir, 'ca.crt'),
        XDG_CACHE_HOME: join(dir, 'no-cache'),
      };
      database = join(dir, 'osv');
      mkdirSync(join(database, 'Debian'), { recursive: true });
      for (const record of RECORDS)
        writeFileSync(
          join(database, 'Debian', `${record.id}.json`),
          JSON.stringify({ modified: '2026-01-01T00:00:00Z', ...record }),
        );
      deploy = join(dir, 'deploy.yaml');
      writeFileSync(
        deploy,
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata: {name: api, namespace: team}',
          'spec:',
          '  template:',
          '    spec:',
          '      initContainers:',
          '        - name: setup',
          `          image: ${registry.host}/team/base:2`,
          '      containers:',
          '        - name: app',
          `          image: ${registry.host}/team/api:1.0`,
          '---',
          'apiVersion: v1',
          'kind: Pod',
          'metadata: {name: debug, namespace: team}',
          'spec:',
          '  containers:',
          '    - name: shell',
          `      image: ${registry.host}/team/api@${api.digest}`,
          '    - name: gone',
          `      image: ${registry.host}/team/gone:1`,
          '',
        ].join('\n'),
      );
    });

    after(async () => {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const args = (...more: string[]): string[] => [
      'scan',
      deploy,
      '--images',
      '--check',
      'image-vulnerable',
      '-o',
      'json',
      ...more,
    ];
    const summary = (run: { stdout: string }): string[][] =>
      (JSON.parse(run.stdout) as ScanJson).findings.map((f) => [
        f.check,
        f.severity,
        f.theme,
        f.field,
        String(f.location.line),
        f.message,
      ]);

    it('reports each container whose image has known vulnerabilities, at its image field, as severe as the worst', () => {
      const run = runCli(args('--osv-db', database, '--fail-on', 'none'), { env });
      assert.equal(run.status, 0, run.stderr);
      const listed =
        'has 4 known vulnerabilities: DSA-0001-1 (critical) in libc6 2.36-9+deb12u4: fixed in 2.36-9+deb12u5; ' +
        'DEBIAN-CVE-2026-0002 (unrated) in zlib1g 1:1.2.13.dfsg-1: fixed in 1:1.2.13.dfsg-2; ' +
        'DEBIAN-CVE-2026-0003 (medium) in curl 7.88.1-10+deb12u5: fixed in 7.88.1-10+deb12u6~rc1; ' +
        'DEBIAN-CVE-2026-0004 (low) in curl 7.88.1-10+deb12u5: no fix';
      assert.deepEqual(summary(run), [
        [
          'image-vulnerable',
          'critical',
          'supply',
          'spec.template.spec.containers[0].image',
          '12',
          `container "app" image "${registry.host}/team/api:1.0" (${api.digest}) ${listed}`,
        ],
        [
          'image-vulnerable',
          'critical',
          'supply',
          'spec.containers[0].image',
          '20',
          `container "shell" image "${registry.host}/team/api@${api.digest}" (${api.digest}) ${listed}`,
        ],
      ]);
      const missing = `${registry.host}/team/gone manifests/1: not found (404): MANIFEST_UNKNOWN: manifest unknown`;
      assert.equal(
        run.stderr,
        `warning: image ${registry.host}/team/gone:1 not matched: ${missing}\n` +
          `warning: image ${registry.host}/team/gone:1: ${missing}\n`,
      );
    });

    it('names only the vulnerabilities at or above --min-severity, and fails at --fail-on', () => {
      const run = runCli(args('--osv-db', database, '--min-severity', 'medium', '--fail-on', 'critical'), {
        env,
      });
      assert.equal(run.status, 1, run.stderr);
      const [first] = summary(run);
      assert.equal(
        first?.[5],
        `container "app" image "${registry.host}/team/api:1.0" (${api.digest}) has 3 known vulnerabilities: ` +
          'DSA-0001-1 (critical) in libc6 2.36-9+deb12u4: fixed in 2.36-9+deb12u5; ' +
          'DEBIAN-CVE-2026-0002 (unrated) in zlib1g 1:1.2.13.dfsg-1: fixed in 1:1.2.13.dfsg-2; ' +
          'DEBIAN-CVE-2026-0003 (medium) in curl 7.88.1-10+deb12u5: fixed in 7.88.1-10+deb12u6~rc1',
      );
    });

    it('matches through the index, and the images db update directory when no --osv-db is given', () => {
      const cache = join(dir, 'cache');
      mkdirSync(join(cache, 'kubeward'), { recursive: true });
      const indexed = join(cache, 'kubeward', 'osv');
      mkdirSync(join(indexed, 'Debian'), { recursive: true });
      for (const record of RECORDS)
        writeFileSync(join(indexed, 'Debian', `${record.id}.json`), JSON.stringify(record));
      const index = runCli(['images', 'db', 'index', indexed], { env });
      assert.equal(index.status, 0, index.stderr);
      assert.equal(index.stdout, `${indexed}: 4 records indexed\n`);
      const viaIndex = runCli(args('--fail-on', 'none'), { env: { ...env, XDG_CACHE_HOME: cache } });
      const viaRecords = runCli(args('--osv-db', database, '--fail-on', 'none'), { env });
      assert.equal(viaIndex.status, 0, viaIndex.stderr);
      assert.deepEqual(summary(viaIndex), summary(viaRecords));
    });

    it('reports nothing without a database (and refuses --check image-vulnerable), nothing for an image without vulnerabilities', () => {
      const none = runCli(['scan', deploy, '--images', '--check', 'image-digest-missing', '-o', 'json'], {
        env,
      });
      assert.equal(none.status, 0, none.stderr);
      assert.deepEqual(
        summary(none).map(([check]) => check),
        ['image-digest-missing', 'image-digest-missing', 'image-digest-missing'],
      );
      const asked = runCli(args(), { env });
      assert.equal(asked.status, 2);
      assert.equal(
        asked.stderr,
        'error: --check image-vulnerable needs an OSV database: give --osv-db DIR, or download one with kubeward images db update\n',
      );
      const clean = join(dir, 'clean.yaml');
      writeFileSync(
        clean,
        `apiVersion: v1\nkind: Pod\nmetadata: {name: base}\nspec:\n  containers:\n    - name: base\n      image: ${registry.host}/team/base:2\n`,
      );
      const run = runCli(
        ['scan', clean, '--images', '--osv-db', database, '--check', 'image-vulnerable', '-o', 'json'],
        { env },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(summary(run), []);
    });

    it('refuses a database directory that is none', () => {
      const run = runCli(args('--osv-db', join(dir, 'nowhere')), { env });
      assert.equal(run.status, 2);
      assert.equal(run.stderr, `error: ${join(dir, 'nowhere')}: not a directory of OSV records\n`);
    });
  },
);
