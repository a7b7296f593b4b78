import type { Diagnostic } from '../../model/diagnostic.ts';
import { osEcosystem } from '../os-release.ts';
import type { Distribution } from '../os-release.ts';
import { purlOf } from '../package.ts';
import type { ImagePackage } from '../package.ts';
import { parseStanzas } from './stanzas.ts';

/** dpkg's database of installed packages, and distroless images' one file per package beside it. */
export const DPKG_STATUS = 'var/lib/dpkg/status';
export const DPKG_STATUS_D = 'var/lib/dpkg/status.d/';

/** Whether a path is part of dpkg's database (status, or a `status.d/` entry but its md5sums). */
export function isDpkgDatabase(path: string): boolean {
  return (
    path === DPKG_STATUS ||
    (path.startsWith(DPKG_STATUS_D) &&
      !path.endsWith('.md5sums') &&
      !path.slice(DPKG_STATUS_D.length).includes('/'))
  );
}

/**
 * The installed packages of a dpkg status file (dpkg's deb-status(5): a `Status:` whose last word
 * is `installed`; status.d entries have none and are all installed). The advisory name and version
 * are those of the `Source:` field (`name` or `name (version)`) when there is one.
 */
export function dpkgPackages(
  file: string,
  text: string,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  const packages: ImagePackage[] = [];
  const ecosystem = osEcosystem(distribution, 'dpkg');
  const requireStatus = file === `/${DPKG_STATUS}`;
  for (const { fields, line } of parseStanzas(text)) {
    const name = fields.get('package');
    const version = fields.get('version');
    const status = fields.get('status');
    if (requireStatus && status !== undefined && status.split(/\s+/).at(-1) !== 'installed') continue;
    if (name === undefined || version === undefined || name === '' || version === '') {
      diagnostics.push({
        level: 'warning',
        file,
        line,
        column: 0,
        message: 'a dpkg paragraph without Package and Version: left out',
      });
      continue;
    }
    const source = /^(\S+)(?:\s+\((\S+)\))?$/.exec(fields.get('source') ?? '');
    const architecture = fields.get('architecture');
    packages.push({
      name,
      version,
      ecosystem,
      origin: 'dpkg',
      advisoryName: source?.[1] ?? name,
      advisoryVersion: source?.[2] ?? version,
      architecture,
      file,
      purl: purlOf('dpkg', name, version, distribution, architecture),
    });
  }
  return packages;
}
