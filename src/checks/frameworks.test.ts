import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckMeta } from '../model/check.ts';
import { FRAMEWORK_IDS } from '../model/frameworks/framework.ts';
import type { FrameworkId } from '../model/frameworks/framework.ts';
import { FRAMEWORK_CATALOGUES } from '../model/frameworks/index.ts';
import { PSS_CONTROLS } from '../model/frameworks/pss.ts';
import { PSS_CHECK_DEFINITIONS } from '../pss/registry.ts';
import { FRAMEWORK_LESS } from './framework-less.ts';
import { CHECKS } from './registry.ts';

/** Check ids whose `framework` list names a control its catalogue does not hold, as `check: id`. */
function unknownControls(checks: readonly CheckMeta[], framework: FrameworkId): string[] {
  const known = new Set(FRAMEWORK_CATALOGUES[framework].controls.map((control) => control.id));
  return checks.flatMap((check) =>
    (check[framework] ?? []).filter((id) => !known.has(id)).map((id) => `${check.id}: ${id}`),
  );
}

describe('framework mappings', () => {
  for (const framework of FRAMEWORK_IDS) {
    it(`names only ${framework} controls of the catalogue`, () => {
      assert.deepEqual(unknownControls(CHECKS, framework), []);
    });
  }

  it('rejects an unknown control id', () => {
    const check = { ...CHECKS[0], id: 'made-up', nsa: ['no-such-section'], mitre: ['T9999'] } as CheckMeta;
    assert.deepEqual(unknownControls([check], 'nsa'), ['made-up: no-such-section']);
    assert.deepEqual(unknownControls([check], 'mitre'), ['made-up: T9999']);
  });

  it('maps every check to a control, or says why it has none', () => {
    const mapped = (check: CheckMeta) =>
      FRAMEWORK_IDS.some((framework) => (check[framework] ?? []).length > 0);
    const bare = CHECKS.filter((check) => !mapped(check) && !(check.id in FRAMEWORK_LESS));
    assert.deepEqual(
      bare.map((check) => check.id),
      [],
    );
  });

  it('lists as framework-less only real checks that map to no NSA, MITRE or PSS control', () => {
    const byId = new Map(CHECKS.map((check) => [check.id, check]));
    for (const [id, reason] of Object.entries(FRAMEWORK_LESS)) {
      const check = byId.get(id);
      assert.ok(check, `${id} is no check`);
      assert.notEqual(reason, '');
      for (const framework of ['nsa', 'mitre', 'pss'] as const)
        assert.deepEqual(check[framework] ?? [], [], `${id} maps to ${framework}`);
    }
  });

  it('keeps catalogue ids unique and MITRE ids in ATT&CK form', () => {
    for (const framework of Object.values(FRAMEWORK_CATALOGUES)) {
      const ids = framework.controls.map((control) => control.id);
      assert.equal(new Set(ids).size, ids.length, framework.id);
    }
    for (const { id } of FRAMEWORK_CATALOGUES.mitre.controls) assert.match(id, /^T\d{4}(\.\d{3})?$/);
  });

  it('ties every PSS control to PSA checks, and every PSA check to one control', () => {
    const psa = PSS_CONTROLS.flatMap((control) => control.psaChecks);
    assert.deepEqual([...psa].sort(), PSS_CHECK_DEFINITIONS.map((definition) => definition.id).sort());
    for (const control of PSS_CONTROLS) {
      const levels = new Set(
        PSS_CHECK_DEFINITIONS.filter((definition) => control.psaChecks.includes(definition.id)).map(
          (definition) => definition.level,
        ),
      );
      assert.ok(levels.has(control.group), `${control.title}: no ${control.group} PSA check`);
    }
  });

  it('maps to PSS controls only the checks that run their PSA check, so a control passes only on PSA', () => {
    const mapped = CHECKS.filter((check) => (check.pss ?? []).length > 0).map((check) => check.id);
    assert.equal(mapped.length, PSS_CHECK_DEFINITIONS.length);
    assert.ok(mapped.every((id) => id.startsWith('pss-')));
  });

  it('maps each pss-* workload check to the PSS control of its PSA check', () => {
    const control = new Map(PSS_CONTROLS.flatMap((entry) => entry.psaChecks.map((psa) => [psa, entry.id])));
    const kebab = (id: string) => id.replace(/_/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const definition of PSS_CHECK_DEFINITIONS) {
      const id = `pss-${kebab(definition.id)}`
        .replace('app-armor', 'apparmor')
        .replace('se-linux', 'selinux');
      const check = CHECKS.find((entry) => entry.id === id);
      assert.ok(check, `no check ${id}`);
      assert.deepEqual(check.pss, [control.get(definition.id)], id);
    }
  });
});
