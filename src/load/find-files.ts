import { readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';

/** Which files {@link findFiles} keeps: one test for the paths given, one for the files a walk meets. */
export interface FileFilter {
  /** A file named on the command line. */
  readonly named: (path: string) => boolean;
  /** A file found by walking a directory (a stricter convention: a walk meets every file). */
  readonly found: (path: string) => boolean;
}

/** The files {@link findFiles} kept, and what it skipped and why. */
export interface FoundFiles {
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The files under each path that `filter` keeps, in name order: a file stands for itself, a
 * directory is walked recursively, skipping `node_modules` and hidden entries. A walk never leaves
 * its directory: a symbolic link whose real path lies outside it is skipped with a warning, and
 * linked directories are not entered (what they hold inside the directory is walked anyway), so a
 * link loop cannot make it endless. Entries that are neither files nor directories (FIFOs, sockets,
 * devices) are kept when the filter takes them, so that the reader refuses them with a diagnostic
 * instead of their being left out unseen. Paths that cannot be read give nothing: the caller
 * reports what it did not find.
 */
export function findFiles(paths: readonly string[], filter: FileFilter): FoundFiles {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    const stats = statOf(path);
    if (stats === undefined) continue;
    if (stats.isDirectory())
      walk(path, { root: realpathSync(path), filter: filter.found, files, diagnostics });
    else if (filter.named(path)) files.push(path);
  }
  return { files, diagnostics };
}

interface Walk {
  /** The real path of the directory named, which the walk never leaves. */
  readonly root: string;
  readonly filter: (path: string) => boolean;
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

function walk(directory: string, state: Walk): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, state);
    else if (!state.filter(path)) continue;
    else if (entry.isSymbolicLink()) followLink(path, state);
    else state.files.push(path);
  }
}

function followLink(path: string, state: Walk): void {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    state.diagnostics.push(warning(path, 'symbolic link to nothing, skipped'));
    return;
  }
  const inside = relative(state.root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    state.diagnostics.push(warning(path, `symbolic link to ${target}, outside ${state.root}: skipped`));
    return;
  }
  if (statOf(target)?.isDirectory() === false) state.files.push(path);
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function warning(file: string, message: string): Diagnostic {
  return { level: 'warning', file, line: 0, column: 0, message };
}
