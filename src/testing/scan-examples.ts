import { join } from 'node:path';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { load } from '../load/load.ts';
import type { Report } from '../report/report.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from './clock.ts';

/** The repository root (tests resolve fixtures and examples from it). */
export const ROOT = join(import.meta.dirname, '..', '..');

/** Scans paths under the repository root with every check and default settings. */
export async function scanPaths(...paths: string[]): Promise<Report> {
  const loaded = await load(
    paths.map((path) => join(ROOT, path)),
    { recursive: true },
  );
  return scanLoaded(loaded, {
    checks: CHECKS,
    run: parseConfig('<defaults>', '', CHECKS).run,
    now: TEST_NOW,
  }).report;
}
