import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importTestModule, isTestModuleName, isTestModulePath } from './test-module.ts';

describe('test module names', () => {
  it('a directory walk takes *.policy-test modules only', () => {
    for (const name of ['a.policy-test.ts', 'a.policy-test.mts', 'dir/a.policy-test.js', 'a.policy-test.mjs'])
      assert.ok(isTestModuleName(name), name);
    for (const name of [
      'a.ts',
      'helper.mjs',
      'a.policy-test.d.ts',
      'a.policy-test.yaml',
      'policy-test.ts.bak',
    ])
      assert.ok(!isTestModuleName(name), name);
  });

  it('a module named on the command line may have any module extension', () => {
    for (const name of ['a.ts', 'a.mts', 'a.js', 'a.mjs', 'a.policy-test.ts'])
      assert.ok(isTestModulePath(name), name);
    for (const name of ['a.d.ts', 'a.yaml', 'a.cts']) assert.ok(!isTestModulePath(name), name);
  });

  it('reports name a module without its extension and .policy-test', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-module-name-'));
    writeFileSync(join(dir, 'team.policy-test.mjs'), 'export function testX() {}\n');
    writeFileSync(join(dir, 'plain.mjs'), 'export function testX() {}\n');
    assert.equal((await importTestModule(join(dir, 'team.policy-test.mjs'))).name, 'team');
    assert.equal((await importTestModule(join(dir, 'plain.mjs'))).name, 'plain');
  });
});
