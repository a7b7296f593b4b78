import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSeverity } from '../model/severity.ts';
import { isTheme } from '../model/theme.ts';
import { expectedLine, fixturesOf, runFixture } from '../testing/fixtures.ts';
import { CHECKS } from './registry.ts';

describe('check registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = CHECKS.map((check) => check.id);
    assert.deepEqual([...new Set(ids)], ids);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has complete metadata on every check', () => {
    for (const check of CHECKS) {
      assert.ok(check.title.length > 0, `${check.id}: title`);
      assert.ok(check.description.length > 20, `${check.id}: description`);
      assert.ok(check.remediation.length > 10, `${check.id}: remediation`);
      assert.ok(check.references.length > 0, `${check.id}: references`);
      assert.ok(isSeverity(check.severity), `${check.id}: severity`);
      assert.ok(isTheme(check.theme), `${check.id}: theme`);
      if (check.target === 'resource') assert.ok(check.kinds.length > 0, `${check.id}: kinds`);
    }
  });

  it('has a passing and a failing fixture, with expected messages, for every check', () => {
    for (const check of CHECKS) {
      const { pass, fail } = fixturesOf(check.id);
      assert.ok(
        pass.length > 0,
        `${check.id}: no case (*.yaml or a directory) in testdata/checks/${check.id}/pass`,
      );
      assert.ok(
        fail.length > 0,
        `${check.id}: no case (*.yaml or a directory) in testdata/checks/${check.id}/fail`,
      );
      for (const fixture of fail) assert.ok(fixture.expected, `${fixture.file}: no .expected.txt beside it`);
    }
  });
});

describe('check fixtures', () => {
  for (const check of CHECKS) {
    const { pass, fail } = fixturesOf(check.id);
    for (const fixture of pass) {
      it(`${check.id} passes ${fixture.file.split('/testdata/')[1] ?? fixture.file}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(
          findings.map((finding) => finding.message),
          [],
        );
      });
    }
    for (const fixture of fail) {
      it(`${check.id} fails ${fixture.file.split('/testdata/')[1] ?? fixture.file}`, async () => {
        const { findings, errors } = await runFixture(check, fixture.file);
        assert.deepEqual(errors, []);
        assert.deepEqual(findings.map(expectedLine), fixture.expected);
      });
    }
  }
});
