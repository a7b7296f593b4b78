import type { Diagnostic } from '../../model/diagnostic.ts';
import { purlOf } from '../package.ts';
import type { ImagePackage } from '../package.ts';
import { parseGoBuildInfo } from './go-buildinfo.ts';
import type { GoModule } from './go-buildinfo.ts';
import { fileDiagnostic } from './file-diagnostic.ts';

/** The OSV ecosystem of Go modules and of the standard library (`stdlib`). */
export const GO_ECOSYSTEM = 'Go';

/**
 * A Go toolchain version as semver, the way the Go vulnerability database writes the standard
 * library's versions (golang.org/x/vuln's `GoTagToSemver`): `go1.21` → `1.21.0`, `go1.21.3` →
 * `1.21.3`, `go1.21rc2` → `1.21.0-rc.2`; what follows a space (`X:` experiments) is left out.
 * Undefined for a version that is none of these (`devel …`).
 */
export function goVersionSemver(goVersion: string): string | undefined {
  const match = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?(?:[\s+-]|$)/.exec(goVersion);
  if (!match) return undefined;
  const [, major, minor, patch = '0', kind, number] = match;
  const base = `${major ?? ''}.${minor ?? ''}.${patch}`;
  return kind === undefined ? base : `${base}-${kind}.${number ?? ''}`;
}

/** A replacement that is a directory: a path starting with `./`, `../` or `/` (go.mod's `replace`). */
const isDirectory = (path: string): boolean => /^(\.{1,2}\/|\/)/.test(path);

/** A module as the binary holds it: its replacement when that is a module, itself otherwise. */
function effective(module: GoModule): GoModule {
  const replacement = module.replacement;
  return replacement !== undefined && !isDirectory(replacement.path) ? replacement : module;
}

/**
 * The packages of a Go binary's build information: the standard library (`stdlib` at the toolchain's
 * version) and each module the binary was built from, the main module when it has a version (not
 * `(devel)`). A module replaced by another module is that module; one replaced by a directory keeps
 * the path and version its `dep` line requires. Advisories name the module path and a version
 * without its `v` (the Go vulnerability database's OSV records). Build information that cannot be
 * read is a warning naming the binary (a note for the pointer format of Go before 1.18).
 */
export function goPackages(file: string, blob: Uint8Array, diagnostics: Diagnostic[]): ImagePackage[] {
  const info = parseGoBuildInfo(blob);
  if ('problem' in info) {
    diagnostics.push(
      fileDiagnostic(info.problem.includes('before Go 1.18') ? 'note' : 'warning', file, info.problem),
    );
    return [];
  }
  const packages: ImagePackage[] = [];
  const add = (name: string, version: string, advisoryVersion: string): void => {
    packages.push({
      name,
      version,
      ecosystem: GO_ECOSYSTEM,
      origin: 'go',
      advisoryName: name,
      advisoryVersion,
      file,
      purl: purlOf('go', name, version, undefined, undefined),
    });
  };
  const stdlib = goVersionSemver(info.goVersion);
  if (stdlib === undefined) {
    diagnostics.push(
      fileDiagnostic(
        'note',
        file,
        `Go toolchain version "${info.goVersion}" is no release: the standard library left out`,
      ),
    );
  } else add('stdlib', stdlib, stdlib);
  const modules = info.main !== undefined && /^v\d/.test(effective(info.main).version) ? [info.main] : [];
  for (const dep of info.deps) modules.push(dep);
  for (const module of modules) {
    const { path, version } = effective(module);
    add(path, version, version.replace(/^v/, ''));
  }
  return packages;
}
