import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Chromium (Debian's, installed by .ci/run): `CHROMIUM_BIN`, else `chromium` looked up on PATH. */
export const CHROMIUM = process.env.CHROMIUM_BIN ?? 'chromium';

/**
 * Loads a URL in headless Chromium and returns the DOM after the page's scripts ran. Flags as this
 * machine needs them: no sandbox as root, no GPU, no background network.
 */
export function dumpDom(url: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'kubeward-chromium-'));
  const result = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--dump-dom',
      url,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`chromium exited ${String(result.status)}: ${result.stderr}`);
  return result.stdout;
}
