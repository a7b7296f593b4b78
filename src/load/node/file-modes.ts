import { statSync } from 'node:fs';

/**
 * The permission bits of each file that can be stat'ed, by path. A file that cannot be is left out:
 * reading it already reported why.
 */
export function readFileModes(files: readonly string[]): ReadonlyMap<string, number> {
  const modes = new Map<string, number>();
  for (const file of new Set(files)) {
    try {
      modes.set(file, statSync(file).mode & 0o777);
    } catch {
      continue;
    }
  }
  return modes;
}
