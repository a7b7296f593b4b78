import type { Diagnostic } from '../../model/diagnostic.ts';
import { osEcosystem } from '../os-release.ts';
import type { Distribution } from '../os-release.ts';
import { purlOf } from '../package.ts';
import type { ImagePackage } from '../package.ts';

/** apk-tools' database of installed packages. */
export const APK_INSTALLED = 'lib/apk/db/installed';

/**
 * The packages of apk's installed database (apk-tools doc/apk-v2.5: one `X:value` line per field,
 * `P:` name, `V:` version, `A:` architecture, `L:` license, `o:` origin; packages separated by a
 * blank line). Alpine's advisories name the origin (source) package.
 */
export function apkPackages(
  file: string,
  text: string,
  distribution: Distribution | undefined,
  diagnostics: Diagnostic[],
): ImagePackage[] {
  const packages: ImagePackage[] = [];
  const ecosystem = osEcosystem(distribution, 'apk');
  let fields = new Map<string, string>();
  let start = 1;
  const flush = (): void => {
    if (fields.size === 0) return;
    const name = fields.get('P');
    const version = fields.get('V');
    if (name === undefined || version === undefined) {
      diagnostics.push({
        level: 'warning',
        file,
        line: start,
        column: 0,
        message: 'an apk package without P: and V: left out',
      });
    } else {
      const architecture = fields.get('A');
      packages.push({
        name,
        version,
        ecosystem,
        origin: 'apk',
        advisoryName: fields.get('o') ?? name,
        advisoryVersion: version,
        architecture,
        license: fields.get('L'),
        file,
        purl: purlOf('apk', name, version, distribution, architecture),
      });
    }
    fields = new Map();
  };
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (fields.size === 0) start = index + 1;
    if (line[1] === ':' && !fields.has(line[0] ?? '')) fields.set(line[0] ?? '', line.slice(2).trim());
  }
  flush();
  return packages;
}
