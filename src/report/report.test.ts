// The scorecard: a theme passes only when its checks had something to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { loadInputs } from '../scan/inputs.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from '../testing/clock.ts';
import type { ThemeSummary } from './report.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'applies');

/** The scorecard of a default scan of a fixture directory. */
async function themesOf(directory: string): Promise<readonly ThemeSummary[]> {
  const loaded = await loadInputs([join(FIXTURES, directory)], { recursive: true });
  const run = parseConfig('<defaults>', '', CHECKS).run;
  return scanLoaded(loaded, { checks: CHECKS, run, now: TEST_NOW }).report.summary.themes;
}

describe('scorecard', () => {
  it('reports every theme not checked on an input without Kubernetes objects', async () => {
    const themes = await themesOf('empty');
    assert.deepEqual(
      themes.filter((theme) => theme.checks > 0).map(({ id }) => id),
      [],
    );
  });
  it('checks the manifest themes when there is an object', async () => {
    const themes = await themesOf('kustomize');
    const checked = themes.filter((theme) => theme.checks > 0).map(({ id }) => id);
    assert.ok(checked.includes('nonroot') && checked.includes('config'), checked.join(','));
  });
});
