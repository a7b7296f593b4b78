import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CisBenchmark } from '../model/frameworks/cis.ts';
import { CIS_BENCHMARK } from '../model/frameworks/cis.ts';
import { CHECKS } from '../checks/registry.ts';
import type { Check } from '../model/check.ts';
import { CIS_DOCS_FILE, renderCisPage } from './cis-page.ts';

describe('docs/cis.md', () => {
  it('is up to date with the CIS catalogue and the checks (regenerate with: npm run docs)', () => {
    const path = join(import.meta.dirname, '..', '..', CIS_DOCS_FILE);
    assert.ok(existsSync(path), `${CIS_DOCS_FILE} is missing`);
    assert.equal(readFileSync(path, 'utf8'), renderCisPage(CIS_BENCHMARK, CHECKS));
  });

  it('links the implementing checks, or gives the reason, one row per recommendation', () => {
    const benchmark: CisBenchmark = {
      name: 'Benchmark',
      version: 'v0',
      source: 'here',
      sections: [
        {
          id: '9.1',
          title: 'Things',
          recommendations: [
            { id: '9.1.1', title: 'A | thing', assessment: 'automated' },
            { id: '9.1.2', title: 'Another', assessment: 'manual', outOfScope: 'manual: a choice' },
          ],
        },
      ],
    };
    const check = { ...(CHECKS[0] as Check), id: 'sample-check', cis: ['9.1.1'] } as Check;
    const page = renderCisPage(benchmark, [check]);
    assert.match(page, /^# Benchmark v0\n/);
    assert.match(page, /1 of 2 recommendations are covered, 1 of the 1/);
    assert.match(
      page,
      /\| 9\.1\.1 \| A \\\| thing \| automated \| \[`sample-check`\]\(checks\/sample-check\.md\) \|/,
    );
    assert.match(page, /\| 9\.1\.2 \| Another \| manual \| out of scope: manual: a choice \|/);
  });
});
