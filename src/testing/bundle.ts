import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Builds the CLI bundle as `npm run build` does (scripts/build.mjs), into a fresh temporary
 * directory, and returns the path of its bin (main.js).
 */
export function buildCliBundle(): string {
  const outdir = join(mkdtempSync(join(tmpdir(), 'kubeward-bundle-')), 'cli');
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--cli', '--outdir', outdir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the CLI bundle did not build: ${result.stderr}`);
  return join(outdir, 'main.js');
}
