import type { SqliteQuery } from '../../load/sqlite.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { detectDistribution, OS_RELEASE_FILES } from '../os-release.ts';
import type { Distribution } from '../os-release.ts';
import type { ImagePackage } from '../package.ts';
import { APK_INSTALLED, apkPackages } from './apk.ts';
import { dpkgPackages, isDpkgDatabase } from './dpkg.ts';
import { buildInfoOfFile } from './go-binary.ts';
import { hasMagic } from './go-buildinfo.ts';
import { goPackages } from './go.ts';
import { isNpmLockfile, npmPackages } from './npm.ts';
import { distInfoPackages, isDistInfoMetadata, isRequirementsFile, requirementsPackages } from './python.ts';
import {
  isRpmDatabase,
  isRpmNdb,
  isRpmSqlite,
  rpmBerkeleyPackages,
  rpmNdbPackages,
  rpmSqlitePackages,
} from './rpm.ts';
import { fileDiagnostic } from './file-diagnostic.ts';

export { goBinarySieve } from './go-binary.ts';

/**
 * Whether kubeward needs a file of an image whole to know its packages: os-release, dpkg's, apk's
 * and rpm's databases, npm lockfiles, requirements files and Python distributions' metadata. The
 * layer reader keeps only these, and streams executables through {@link goBinarySieve}.
 */
export function isPackageEvidence(path: string): boolean {
  return (
    (OS_RELEASE_FILES as readonly string[]).includes(path) ||
    isDpkgDatabase(path) ||
    path === APK_INSTALLED ||
    isRpmDatabase(path) ||
    isNpmLockfile(path) ||
    isRequirementsFile(path) ||
    isDistInfoMetadata(path)
  );
}

/** What an image's files say about it. */
export interface ImageContents {
  readonly distribution: Distribution | undefined;
  readonly packages: readonly ImagePackage[];
  readonly diagnostics: readonly Diagnostic[];
}

/** What reading some package databases takes: SQLite for rpm's (`loadSqlite` of src/load/sqlite.ts). */
export interface DatabaseReaders {
  readonly sqlite?: SqliteQuery | undefined;
}

/** Whether an image's files hold a database only SQLite reads (so `DatabaseReaders.sqlite` is needed). */
export function needsSqlite(files: ReadonlyMap<string, Uint8Array>): boolean {
  for (const path of files.keys()) if (isRpmSqlite(path)) return true;
  return false;
}

/** Whether content is a Go binary's build information, as {@link goBinarySieve} keeps it, or an ELF file. */
function isGoEvidence(content: Uint8Array): boolean {
  return (
    hasMagic(content, 0) ||
    (content[0] === 0x7f && content[1] === 0x45 && content[2] === 0x4c && content[3] === 0x46)
  );
}

/**
 * The distribution and packages of an image's files: those {@link isPackageEvidence} kept, and the
 * build information {@link goBinarySieve} kept of Go binaries (or whole ELF files). An rpm SQLite
 * database without `readers.sqlite` is a warning.
 */
export function imageContents(
  files: ReadonlyMap<string, Uint8Array>,
  readers: DatabaseReaders = {},
): ImageContents {
  const distribution = detectDistribution(files);
  const diagnostics: Diagnostic[] = [];
  const packages: ImagePackage[] = [];
  const decoder = new TextDecoder();
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const content = files.get(path);
    if (content === undefined) continue;
    const file = `/${path}`;
    const text = (): string => decoder.decode(content);
    let found: ImagePackage[] = [];
    if (isDpkgDatabase(path)) found = dpkgPackages(file, text(), distribution, diagnostics);
    else if (path === APK_INSTALLED) found = apkPackages(file, text(), distribution, diagnostics);
    else if (isNpmLockfile(path)) found = npmPackages(file, text(), diagnostics);
    else if (isRequirementsFile(path)) found = requirementsPackages(file, text(), diagnostics);
    else if (isDistInfoMetadata(path)) found = distInfoPackages(file, text(), diagnostics);
    else if (isRpmNdb(path)) found = rpmNdbPackages(file, content, distribution, diagnostics);
    else if (isRpmDatabase(path) && !isRpmSqlite(path))
      found = rpmBerkeleyPackages(file, content, distribution, diagnostics);
    else if (isRpmSqlite(path)) {
      if (readers.sqlite === undefined)
        diagnostics.push(fileDiagnostic('warning', file, 'an rpm database not read: no SQLite given'));
      else found = rpmSqlitePackages(file, content, readers.sqlite, distribution, diagnostics);
    } else if (isGoEvidence(content)) {
      const blob = hasMagic(content, 0) ? content : buildInfoOfFile(content);
      if (blob !== undefined) found = goPackages(file, blob, diagnostics);
    }
    for (const item of found) packages.push(item);
  }
  return { distribution, packages, diagnostics };
}
