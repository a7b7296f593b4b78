import type { SqliteQuery } from '../../load/sqlite.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { berkeleyHashRecords } from './berkeley-db.ts';
import { ndbPackageBlobs } from './rpm-ndb.ts';
import type { Distribution } from '../os-release.ts';
import { purlOf } from '../package.ts';
import type { ImagePackage } from '../package.ts';
import { parseRpmHeader, RPM_TAG } from './rpm-header.ts';
import type { RpmTagValue } from './rpm-header.ts';
import { fileDiagnostic } from './file-diagnostic.ts';

/**
 * rpm's SQLite database (rpm ≥ 4.16: Fedora 33+, RHEL and UBI 9, Rocky and AlmaLinux 9), at its
 * classic path and at the one Fedora and openSUSE moved it to.
 */
export const RPM_SQLITE_DATABASES = [
  'var/lib/rpm/rpmdb.sqlite',
  'usr/lib/sysimage/rpm/rpmdb.sqlite',
] as const;

/** rpm's Berkeley DB hash database (rpm before 4.16: RHEL, CentOS and Rocky 8 and earlier, Amazon Linux 2). */
export const RPM_BERKELEY_DATABASES = ['var/lib/rpm/Packages', 'usr/lib/sysimage/rpm/Packages'] as const;

/** rpm's NDB database (SUSE: SLE 15 SP3 and openSUSE Leap 15.3 on, Tumbleweed). */
export const RPM_NDB_DATABASES = ['usr/lib/sysimage/rpm/Packages.db', 'var/lib/rpm/Packages.db'] as const;

/** Whether a path is rpm's SQLite database. */
export function isRpmSqlite(path: string): boolean {
  return (RPM_SQLITE_DATABASES as readonly string[]).includes(path);
}

/** Whether a path is an rpm database kubeward reads: SQLite, Berkeley DB or NDB. */
export function isRpmDatabase(path: string): boolean {
  return (
    isRpmSqlite(path) ||
    (RPM_BERKELEY_DATABASES as readonly string[]).includes(path) ||
    (RPM_NDB_DATABASES as readonly string[]).includes(path)
  );
}

/** Whether a path is rpm's NDB database. */
export function isRpmNdb(path: string): boolean {
  return (RPM_NDB_DATABASES as readonly string[]).includes(path);
}

/** rpm's sqlite backend keeps each package's header blob in one row (lib/backend/sqlite.c). */
const PACKAGES_QUERY = 'SELECT hnum, blob FROM Packages ORDER BY hnum';

const WANTED = new Set<number>(Object.values(RPM_TAG));

/**
 * The OSV ecosystem of an rpm distribution's packages (ossf/osv-schema docs/schema.md, "Defined
 * ecosystems"): `Red Hat:` and the os-release CPE without `cpe:/o:redhat:`; `Rocky Linux:9`,
 * `AlmaLinux:9`; `openSUSE:` and `SUSE:` with os-release's PRETTY_NAME; `Mageia:9`, `openEuler:…`,
 * `Azure Linux:3.0`, `Photon OS:5.0`; any other distribution as its os-release ID and VERSION_ID.
 */
export function rpmEcosystem(distribution: Distribution | undefined): string {
  const id = distribution?.id ?? 'rpm';
  const version = distribution?.versionId;
  const major = version?.split('.')[0];
  const suffixed = (name: string, suffix: string | undefined): string =>
    suffix === undefined || suffix === '' ? name : `${name}:${suffix}`;
  if (id === 'rhel') {
    const cpe = distribution?.cpeName;
    return suffixed(
      'Red Hat',
      cpe?.startsWith('cpe:/o:redhat:') ? cpe.slice('cpe:/o:redhat:'.length) : undefined,
    );
  }
  if (id === 'rocky') return suffixed('Rocky Linux', major);
  if (id === 'almalinux') return suffixed('AlmaLinux', major);
  if (id.startsWith('opensuse')) return suffixed('openSUSE', distribution?.prettyName);
  if (id.startsWith('sle')) return suffixed('SUSE', distribution?.prettyName);
  if (id === 'mageia') return suffixed('Mageia', version);
  if (id === 'openeuler') return suffixed('openEuler', version);
  if (id === 'azurelinux') return suffixed('Azure Linux', version);
  if (id === 'photon') return suffixed('Photon OS', version);
  return suffixed(id, version);
}

const first = (value: RpmTagValue | undefined): string | number | undefined => value?.[0];

/** The name of a source RPM file name: `openssl-3.0.7-27.el9.src.rpm` → `openssl`. */
export function sourceRpmName(sourceRpm: string): string | undefined {
  const match = /^(.+)-[^-]+-[^-]+\.(?:src|nosrc)\.rpm$/.exec(sourceRpm);
  return match?.[1];
}

/**
 * The packages of rpm header blobs: name, `version-release`, epoch, architecture, licence and
 * source RPM of each (`gpg-pubkey` entries, keys rpm keeps as packages, are left out). Advisories
 * compare `[epoch:]version-release` by rpmvercmp, as OSV's rpm ecosystems write versions
 * (google/osv.dev osv/ecosystems/redhat_test.py: `0:0.2.6-20.module+el8.9.0+1420+91577025`,
 * `9.27-15.el8_10`), and name the source RPM, but for Red Hat, which names binary RPMs. A blob that is no header is a warning naming its
 * row, and the others are still read.
 */
export function rpmPackages(
  file: string,
  headers: Iterable<{ readonly row: number; readonly blob: Uint8Array }>,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  const packages: ImagePackage[] = [];
  const ecosystem = rpmEcosystem(distribution);
  for (const { row, blob } of headers) {
    const header = parseRpmHeader(blob, WANTED);
    const tags = 'tags' in header ? header.tags : undefined;
    const tag = (id: number): string | undefined => {
      const value = first(tags?.get(id));
      return value === undefined ? undefined : String(value);
    };
    const name = tag(RPM_TAG.name);
    if (tags === undefined || name === undefined || tag(RPM_TAG.version) === undefined) {
      diagnostics.push(
        fileDiagnostic(
          'warning',
          file,
          `rpm package ${String(row)} left out: ${'problem' in header ? header.problem : 'a header without NAME and VERSION'}`,
        ),
      );
      continue;
    }
    if (name === 'gpg-pubkey') continue;
    const release = tag(RPM_TAG.release);
    const version =
      release === undefined ? (tag(RPM_TAG.version) ?? '') : `${tag(RPM_TAG.version) ?? ''}-${release}`;
    const epoch = tag(RPM_TAG.epoch);
    const architecture = tag(RPM_TAG.arch);
    const source = tag(RPM_TAG.sourceRpm);
    const sourceName = source === undefined ? undefined : sourceRpmName(source);
    packages.push({
      name,
      version,
      ecosystem,
      origin: 'rpm',
      advisoryName: ecosystem.startsWith('Red Hat') ? name : (sourceName ?? name),
      advisoryVersion: epoch === undefined ? version : `${epoch}:${version}`,
      architecture,
      license: tag(RPM_TAG.license),
      file,
      purl: purlOf('rpm', name, version, distribution, architecture, epoch === undefined ? {} : { epoch }),
    });
  }
  return packages;
}

/**
 * The packages of an rpm SQLite database: the header blob of each row of its `Packages` table. A
 * file SQLite cannot open, or without that table, is a warning: the image's other packages are
 * still read.
 */
export function rpmSqlitePackages(
  file: string,
  content: Uint8Array,
  sqlite: SqliteQuery,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  const packages: ImagePackage[] = [];
  try {
    for (const [row, blob] of sqlite(content, PACKAGES_QUERY)) {
      const one = [{ row: Number(row), blob: blob instanceof Uint8Array ? blob : new Uint8Array() }];
      for (const item of rpmPackages(file, one, distribution, diagnostics)) packages.push(item);
    }
  } catch (error) {
    diagnostics.push(
      fileDiagnostic(
        'warning',
        file,
        `not read as an rpm database: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  return packages;
}

/** Header blobs as a database gives them, or why it stopped. */
type BlobRecord = { readonly row: number; readonly blob: Uint8Array } | { readonly problem: string };

/** The packages of a database's header blobs; a problem is a warning, the packages before it kept. */
function databasePackages(
  file: string,
  records: Iterable<BlobRecord>,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  function* headers(): Generator<{ readonly row: number; readonly blob: Uint8Array }> {
    for (const record of records) {
      if ('problem' in record) {
        diagnostics.push(fileDiagnostic('warning', file, `not read as an rpm database: ${record.problem}`));
        return;
      }
      yield record;
    }
  }
  return rpmPackages(file, headers(), distribution, diagnostics);
}

/**
 * The packages of an rpm Berkeley DB `Packages` database: one header blob per key (a 4-byte package
 * instance; key 0 holds rpm's next instance number, not a package). A file that is no hash database,
 * or whose pages point outside it, is a warning; the packages read before the problem are kept.
 */
export function rpmBerkeleyPackages(
  file: string,
  content: Uint8Array,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  function* records(): Generator<BlobRecord> {
    for (const record of berkeleyHashRecords(content)) {
      if ('problem' in record) {
        yield record;
        return;
      }
      const { key, value } = record;
      const row = key.length === 4 ? new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true) : -1;
      if (row !== 0) yield { row, blob: value };
    }
  }
  return databasePackages(file, records(), distribution, diagnostics);
}

/**
 * The packages of an rpm NDB `Packages.db` database (SUSE); a damaged slot or blob is a warning,
 * the packages read before it kept.
 */
export function rpmNdbPackages(
  file: string,
  content: Uint8Array,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  return databasePackages(file, ndbPackageBlobs(content), distribution, diagnostics);
}
