import { statSync } from 'node:fs';

/**
 * The permission bits (`mode & 0o777`) of each file that can be stat'ed, by path. Files that cannot
 * be stat'ed are left out: reading them already reported why.
 */
export function readFileModes(files: readonly string[]): Map<string, number> {
  const modes = new Map<string, number>();
  for (const file of new Set(files)) {
    try {
      modes.set(file, statSync(file).mode & 0o777);
    } catch {
      // unreadable: already a diagnostic
    }
  }
  return modes;
}
