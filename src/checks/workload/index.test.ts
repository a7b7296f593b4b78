import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixturesOf, runFixture } from '../../testing/fixtures.ts';
import { WORKLOAD_CHECKS } from './index.ts';

// Every check runs over its testdata/checks/<id>/{pass,fail} fixtures through load → inventory → runChecks;
// failing fixtures must produce exactly the messages of their .expected.txt, in order.
describe('WORKLOAD_CHECKS fixtures', () => {
  for (const check of WORKLOAD_CHECKS) {
    const { pass, fail } = fixturesOf(check.id);
    it(`${check.id} has pass and fail fixtures`, () => {
      assert.ok(pass.length > 0 && fail.length > 0);
      for (const fixture of fail) assert.ok(fixture.expected, `${fixture.file}: no .expected.txt`);
    });
    for (const fixture of [...pass, ...fail]) {
      it(`${check.id} ${fixture.file.split('/testdata/checks/')[1] ?? fixture.file}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(
          findings.map((finding) => finding.message),
          fixture.expected ?? [],
        );
      });
    }
  }
});
