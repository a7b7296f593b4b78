import type { Diagnostic } from '../../model/diagnostic.ts';
import { normalizePythonName, purlOf } from '../package.ts';
import type { ImagePackage } from '../package.ts';
import { parseStanzas } from './stanzas.ts';

/** `…/requirements.txt`, and the core metadata of an installed distribution (`….dist-info/METADATA`). */
export function isRequirementsFile(path: string): boolean {
  return path === 'requirements.txt' || path.endsWith('/requirements.txt');
}

export function isDistInfoMetadata(path: string): boolean {
  return /\.dist-info\/METADATA$/.test(path);
}

function pythonPackage(file: string, name: string, version: string): ImagePackage {
  return {
    name: normalizePythonName(name),
    version,
    ecosystem: 'PyPI',
    origin: 'python',
    advisoryName: normalizePythonName(name),
    advisoryVersion: version,
    file,
    purl: purlOf('python', name, version, undefined, undefined),
  };
}

/**
 * The pinned requirements of a requirements file (pip's "Requirements File Format"): `name==version`
 * or `name===version`, with extras, environment markers, `--hash` options and comments around them.
 * A requirement without an exact pin says no installed version, and is left out.
 */
export function requirementsPackages(file: string, text: string, diagnostics: Diagnostic[]): ImagePackage[] {
  const packages: ImagePackage[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const requirement = line.split(';')[0]?.split(/\s--/)[0]?.trim() ?? '';
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s,]+)$/.exec(requirement);
    if (match) packages.push(pythonPackage(file, match[1] ?? '', match[2] ?? ''));
    else if (!/^[A-Za-z0-9]/.test(requirement)) {
      diagnostics.push({
        level: 'note',
        file,
        line: index + 1,
        column: 0,
        message: `not a requirement kubeward reads: ${requirement}`,
      });
    }
  }
  return packages;
}

/** The `Name` and `Version` of a distribution's core metadata (packaging.python.org "Core metadata"). */
export function distInfoPackages(file: string, text: string, diagnostics: Diagnostic[]): ImagePackage[] {
  const header = text.split(/\r?\n\r?\n/)[0] ?? '';
  const fields = parseStanzas(header)[0]?.fields;
  const name = fields?.get('name');
  const version = fields?.get('version');
  if (name === undefined || version === undefined) {
    diagnostics.push({
      level: 'warning',
      file,
      line: 1,
      column: 0,
      message: 'core metadata without Name and Version: left out',
    });
    return [];
  }
  return [pythonPackage(file, name, version)];
}
