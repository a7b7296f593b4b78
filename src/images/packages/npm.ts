import type { Diagnostic } from '../../model/diagnostic.ts';
import { purlOf } from '../package.ts';
import type { ImagePackage } from '../package.ts';
import { fileDiagnostic } from './file-diagnostic.ts';

/** Whether a path is an npm lockfile: `package-lock.json`, or the hidden `node_modules/.package-lock.json`. */
export function isNpmLockfile(path: string): boolean {
  return (
    path === 'package-lock.json' ||
    path.endsWith('/package-lock.json') ||
    path.endsWith('node_modules/.package-lock.json')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The packages an npm lockfile installs (docs.npmjs.com "package-lock.json"): lockfileVersion 2
 * and 3 list them under `packages` by their `node_modules/…` path (the root "" is the project
 * itself, `link: true` entries point to another entry); version 1 nests them under `dependencies`.
 */
export function npmPackages(file: string, text: string, diagnostics: Diagnostic[]): ImagePackage[] {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    diagnostics.push(
      fileDiagnostic(
        'warning',
        file,
        `not JSON, left out (${error instanceof Error ? error.message : String(error)})`,
      ),
    );
    return [];
  }
  if (!isRecord(lock)) return [];
  const found = new Map<string, ImagePackage>();
  const add = (name: string, version: unknown): void => {
    if (typeof version !== 'string' || name === '' || !/^\d/.test(version)) return;
    const key = `${name}@${version}`;
    if (found.has(key)) return;
    found.set(key, {
      name,
      version,
      ecosystem: 'npm',
      origin: 'npm',
      advisoryName: name,
      advisoryVersion: version,
      file,
      purl: purlOf('npm', name, version, undefined, undefined),
    });
  };
  if (isRecord(lock.packages)) {
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || !isRecord(entry) || entry.link === true) continue;
      const at = path.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const name = typeof entry.name === 'string' ? entry.name : path.slice(at + 'node_modules/'.length);
      add(name, entry.version);
    }
  } else if (isRecord(lock.dependencies)) {
    const walk = (dependencies: Record<string, unknown>): void => {
      for (const [name, entry] of Object.entries(dependencies)) {
        if (!isRecord(entry)) continue;
        add(name, entry.version);
        if (isRecord(entry.dependencies)) walk(entry.dependencies);
      }
    };
    walk(lock.dependencies);
  }
  return [...found.values()];
}
