import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixturesOf, runFixture } from '../../testing/fixtures.ts';
import { CONTROLPLANE_CHECKS } from './index.ts';

// Every control-plane check over its testdata/checks/<id>/{pass,fail} fixtures: pass cases give no
// finding, fail cases give exactly the expected messages in order.
for (const check of CONTROLPLANE_CHECKS) {
  describe(check.id, () => {
    const { pass, fail } = fixturesOf(check.id);
    it('has pass and fail fixtures', () => {
      assert.ok(pass.length > 0 && fail.length > 0);
      for (const fixture of fail) assert.ok(fixture.expected, `${fixture.file} lacks .expected.txt`);
    });
    for (const fixture of pass) {
      it(`passes ${fixture.file.split('/').slice(-2).join('/')}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(
          findings.map((finding) => finding.message),
          [],
        );
      });
    }
    for (const fixture of fail) {
      it(`fails ${fixture.file.split('/').slice(-2).join('/')}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(
          findings.map((finding) => finding.message),
          fixture.expected ?? [],
        );
      });
    }
  });
}
