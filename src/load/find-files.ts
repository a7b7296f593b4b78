import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files under each path that `accept` takes, in name order: a file stands for itself, a
 * directory is walked recursively, skipping `node_modules` and hidden entries. Paths that cannot be
 * read give nothing: the caller reports what it did not find. Inside a walk, a symbolic link is
 * taken for the file it points to but never followed into a directory, so a link loop planted in a
 * directory cannot make the walk endless. Entries that are neither files nor directories (FIFOs,
 * sockets, devices) are kept when `accept` takes them, so that the reader refuses them with a
 * diagnostic instead of their being left out unseen.
 */
export function findFiles(paths: readonly string[], accept: (path: string) => boolean): string[] {
  return paths.flatMap((path) => filesUnder(path, accept, true));
}

function filesUnder(path: string, accept: (path: string) => boolean, named: boolean): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return [];
  }
  if (!stats.isDirectory()) return accept(path) ? [path] : [];
  if (!named) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name), accept, entry.isDirectory()));
}
