import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { copyRepository } from './repository-copy.ts';
import { ROOT } from './scan-examples.ts';

describe('copyRepository', () => {
  const copy = copyRepository();
  after(() => {
    copy.remove();
  });
  const sh = (command: string) =>
    spawnSync('sh', ['-c', command], { cwd: copy.root, env: copy.env, encoding: 'utf8' });

  it('copies the sources without build output or git data and links the installed packages', () => {
    assert.ok(existsSync(join(copy.root, 'src/cli/main.ts')));
    assert.ok(!existsSync(join(copy.root, 'dist')));
    assert.ok(!existsSync(join(copy.root, '.git')));
    assert.ok(lstatSync(join(copy.root, 'node_modules')).isSymbolicLink());
  });

  it('runs kubeward and npx kubeward from the copy (its source while nothing is built)', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    for (const command of ['kubeward --version', 'npx kubeward --version', 'kubectl-ward --version']) {
      const result = sh(command);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), version);
    }
  });

  it('turns npm ci into a check that package-lock.json satisfies package.json', () => {
    assert.equal(sh('npm ci').status, 0);
    const manifest = join(copy.root, 'package.json');
    const original = readFileSync(manifest, 'utf8');
    const changed = JSON.parse(original) as { dependencies: Record<string, string> };
    changed.dependencies['left-pad'] = '^1.3.0';
    writeFileSync(manifest, JSON.stringify(changed));
    const result = sh('npm ci');
    writeFileSync(manifest, original);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /missing: left-pad/);
    assert.ok(existsSync(join(ROOT, 'node_modules', 'tsx')), 'the linked node_modules is left alone');
  });
});
