// Runs every PSS check over its testdata/checks/<id>/{pass,fail} fixtures (as the shared registry test does).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixturesOf, runFixture } from '../../testing/fixtures.ts';
import { PSS_CHECKS } from './index.ts';

describe('PSS check fixtures', () => {
  it('has unique ids', () => {
    const ids = PSS_CHECKS.map((check) => check.id);
    assert.deepEqual([...new Set(ids)], ids);
  });
  for (const check of PSS_CHECKS) {
    const { pass, fail } = fixturesOf(check.id);
    it(`${check.id} has pass and fail fixtures with expected messages`, () => {
      assert.ok(pass.length > 0 && fail.length > 0);
      for (const fixture of fail) assert.ok(fixture.expected, `${fixture.file}: no .expected.txt`);
    });
    for (const fixture of pass) {
      it(`${check.id} pass ${fixture.file.split('/').pop() ?? ''}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(
          findings.map((finding) => finding.message),
          [],
        );
      });
    }
    for (const fixture of fail) {
      it(`${check.id} fail ${fixture.file.split('/').pop() ?? ''}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(
          findings.map((finding) => finding.message),
          fixture.expected,
        );
      });
    }
  }
});
