import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findFiles } from './find-files.ts';

describe('findFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-find-'));
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });
  for (const file of ['b.ts', 'a.ts', 'notes.md', 'sub/c.ts', 'node_modules/d.ts', '.hidden/e.ts'].map(
    (name) => join(root, name),
  )) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
  }
  const isTs = (path: string) => path.endsWith('.ts');

  it('walks directories in name order, skipping node_modules and hidden entries', () => {
    assert.deepEqual(
      findFiles([root], isTs),
      ['a.ts', 'b.ts', 'sub/c.ts'].map((name) => join(root, name)),
    );
  });

  it('keeps a named file only when accepted, and gives nothing for a missing path', () => {
    assert.deepEqual(findFiles([join(root, 'b.ts'), join(root, 'notes.md'), join(root, 'missing')], isTs), [
      join(root, 'b.ts'),
    ]);
  });

  it('takes a symbolic link for the file it points to, and never follows one into a directory', () => {
    const linked = mkdtempSync(join(tmpdir(), 'kubeward-find-links-'));
    try {
      writeFileSync(join(linked, 'policy.ts'), '');
      symlinkSync('policy.ts', join(linked, 'alias.ts'));
      symlinkSync('.', join(linked, 'loop'));
      symlinkSync(root, join(linked, 'elsewhere'));
      assert.deepEqual(findFiles([linked], isTs), [join(linked, 'alias.ts'), join(linked, 'policy.ts')]);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });
});
