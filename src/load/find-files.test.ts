import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findFiles } from './find-files.ts';

describe('findFiles', () => {
  const base = mkdtempSync(join(tmpdir(), 'kubeward-find-'));
  const root = join(base, 'root');
  after(() => {
    rmSync(base, { recursive: true, force: true });
  });
  for (const file of [
    'b.ts',
    'a.ts',
    'notes.md',
    'sub/c.ts',
    'node_modules/d.ts',
    '.hidden/e.ts',
    'a.test.ts',
    '../outside/f.test.ts',
  ].map((name) => join(root, name))) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
  }
  symlinkSync(join(base, 'outside', 'f.test.ts'), join(root, 'out.test.ts'));
  symlinkSync(join(base, 'outside'), join(root, 'out-dir'));
  symlinkSync(join(root, 'a.test.ts'), join(root, 'in.test.ts'));
  symlinkSync(join(root, 'sub'), join(root, 'sub-link'));
  symlinkSync(join(root, 'gone.test.ts'), join(root, 'dangling.test.ts'));
  const isTs = (path: string) => path.endsWith('.ts');
  const isTest = (path: string) => path.endsWith('.test.ts');

  it('walks directories in name order, skipping node_modules, hidden entries and linked directories', () => {
    assert.deepEqual(
      findFiles([root], { named: isTs, found: isTs }).files,
      ['a.test.ts', 'a.ts', 'b.ts', 'in.test.ts', 'sub/c.ts'].map((name) => join(root, name)),
    );
  });

  it('keeps only the files the walk filter takes, while a named file needs only the named filter', () => {
    assert.deepEqual(findFiles([root, join(root, 'b.ts')], { named: isTs, found: isTest }).files, [
      join(root, 'a.test.ts'),
      join(root, 'in.test.ts'),
      join(root, 'b.ts'),
    ]);
  });

  it('never follows a symbolic link out of the directory, and says so', () => {
    const found = findFiles([root], { named: isTs, found: isTest });
    assert.ok(!found.files.some((file) => file.includes('outside') || file.endsWith('out.test.ts')));
    assert.deepEqual(
      found.diagnostics.map((diagnostic) => [diagnostic.level, diagnostic.file, diagnostic.message]),
      [
        ['warning', join(root, 'dangling.test.ts'), 'symbolic link to nothing, skipped'],
        [
          'warning',
          join(root, 'out.test.ts'),
          `symbolic link to ${join(base, 'outside', 'f.test.ts')}, outside ${root}: skipped`,
        ],
      ],
    );
  });

  it('keeps a named file only when accepted, and gives nothing for a missing path', () => {
    assert.deepEqual(
      findFiles([join(root, 'b.ts'), join(root, 'notes.md'), join(root, 'missing')], {
        named: isTs,
        found: isTs,
      }).files,
      [join(root, 'b.ts')],
    );
  });

  it('takes a symbolic link for the file it points to, and never follows one into a directory', () => {
    const linked = mkdtempSync(join(tmpdir(), 'kubeward-find-links-'));
    try {
      writeFileSync(join(linked, 'policy.ts'), '');
      symlinkSync('policy.ts', join(linked, 'alias.ts'));
      symlinkSync('.', join(linked, 'loop'));
      symlinkSync(root, join(linked, 'elsewhere'));
      assert.deepEqual(findFiles([linked], { named: isTs, found: isTs }).files, [
        join(linked, 'alias.ts'),
        join(linked, 'policy.ts'),
      ]);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });
});
