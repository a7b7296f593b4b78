import type { Diagnostic } from '../../model/diagnostic.ts';
import { detectDistribution, OS_RELEASE_FILES } from '../os-release.ts';
import type { Distribution } from '../os-release.ts';
import type { ImagePackage } from '../package.ts';
import { APK_INSTALLED, apkPackages } from './apk.ts';
import { dpkgPackages, isDpkgDatabase } from './dpkg.ts';
import { isNpmLockfile, npmPackages } from './npm.ts';
import { distInfoPackages, isDistInfoMetadata, isRequirementsFile, requirementsPackages } from './python.ts';

/**
 * Whether kubeward needs a file of an image to know its packages: os-release, dpkg's and apk's
 * databases, npm lockfiles, requirements files and Python distributions' metadata. The layer reader
 * keeps only these.
 */
export function isPackageEvidence(path: string): boolean {
  return (
    (OS_RELEASE_FILES as readonly string[]).includes(path) ||
    isDpkgDatabase(path) ||
    path === APK_INSTALLED ||
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

/** The distribution and packages of an image's files (those {@link isPackageEvidence} kept). */
export function imageContents(files: ReadonlyMap<string, Uint8Array>): ImageContents {
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
    for (const item of found) packages.push(item);
  }
  return { distribution, packages, diagnostics };
}
