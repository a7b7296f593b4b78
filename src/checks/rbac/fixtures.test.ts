// Runs every rbac check over its testdata/checks/<id>/{pass,fail} fixtures (as the shared registry test does).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedLine, fixturesOf, runFixture } from '../../testing/fixtures.ts';
import { RBAC_CHECKS } from './index.ts';

describe('rbac check fixtures', () => {
  for (const check of RBAC_CHECKS) {
    const { pass, fail } = fixturesOf(check.id);
    it(`${check.id} has pass and fail fixtures`, () => {
      assert.ok(pass.length > 0 && fail.length > 0);
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
        assert.deepEqual(findings.map(expectedLine), fixture.expected);
      });
    }
  }
});
