import { PackageURL } from 'packageurl-js';
import type { Distribution } from './os-release.ts';

/** Which package manager or lockfile a package was found through. */
export type PackageOrigin = 'dpkg' | 'apk' | 'rpm' | 'npm' | 'python' | 'go';

/** One package an image holds. */
export interface ImagePackage {
  readonly name: string;
  readonly version: string;
  /**
   * The OSV ecosystem its vulnerabilities are filed under: `Debian:12`, `Alpine:v3.19`, `Rocky Linux:9`,
   * `npm`, `PyPI`, `Go`.
   */
  readonly ecosystem: string;
  readonly origin: PackageOrigin;
  /**
   * The name and version advisories use: Debian and Alpine file them under the source package
   * (dpkg's `Source:`, apk's origin `o:`), rpm distributions but Red Hat under the source RPM's
   * name, Go under the module path (`stdlib` for the standard library) and a version without `v`;
   * the others under the package itself.
   */
  readonly advisoryName: string;
  readonly advisoryVersion: string;
  readonly architecture?: string | undefined;
  readonly license?: string | undefined;
  /** The file of the image it was found in. */
  readonly file: string;
  /** The package URL (github.com/package-url/purl-spec). */
  readonly purl: string;
}

/**
 * The purl of a package, per the purl-spec types deb, apk, rpm, npm, pypi and golang; `extra`
 * qualifiers (rpm's `epoch`) are added to `arch` and `distro`.
 */
export function purlOf(
  origin: PackageOrigin,
  name: string,
  version: string,
  distribution: Distribution | undefined,
  architecture: string | undefined,
  extra: Readonly<Record<string, string>> = {},
): string {
  const qualifiers: Record<string, string> = { ...extra };
  if (architecture !== undefined && architecture !== '') qualifiers.arch = architecture;
  const distro =
    distribution === undefined
      ? undefined
      : distribution.versionId === undefined
        ? distribution.id
        : `${distribution.id}-${distribution.versionId}`;
  if (distro !== undefined && (origin === 'dpkg' || origin === 'apk' || origin === 'rpm'))
    qualifiers.distro = distro;
  switch (origin) {
    case 'dpkg':
      return new PackageURL(
        'deb',
        distribution?.id ?? 'debian',
        name,
        version,
        qualifiers,
        undefined,
      ).toString();
    case 'apk':
      return new PackageURL(
        'apk',
        distribution?.id ?? 'alpine',
        name,
        version,
        qualifiers,
        undefined,
      ).toString();
    case 'rpm':
      return new PackageURL(
        'rpm',
        rpmVendor(distribution?.id),
        name,
        version,
        qualifiers,
        undefined,
      ).toString();
    case 'go': {
      const slash = name.lastIndexOf('/');
      const namespace = slash > 0 ? name.slice(0, slash) : undefined;
      return new PackageURL(
        'golang',
        namespace,
        name.slice(slash + 1),
        version,
        undefined,
        undefined,
      ).toString();
    }
    case 'npm': {
      const slash = name.startsWith('@') ? name.indexOf('/') : -1;
      const namespace = slash > 0 ? name.slice(0, slash) : undefined;
      const bare = slash > 0 ? name.slice(slash + 1) : name;
      return new PackageURL('npm', namespace, bare, version, undefined, undefined).toString();
    }
    case 'python':
      return new PackageURL(
        'pypi',
        undefined,
        normalizePythonName(name),
        version,
        undefined,
        undefined,
      ).toString();
  }
}

/** The purl namespace of an rpm distribution: its vendor (`redhat`, `opensuse`, `suse`, `fedora`, `rocky`). */
function rpmVendor(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (id === 'rhel') return 'redhat';
  if (id.startsWith('opensuse')) return 'opensuse';
  if (id.startsWith('sle')) return 'suse';
  return id;
}

/** A Python project name as PEP 503 normalises it: lowercase, runs of `-`, `_`, `.` become `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
