import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readFileModes } from './file-modes.ts';

describe('readFileModes', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-modes-'));
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the permission bits of each file once, and leaves out files that cannot be stat’ed', () => {
    const key = join(root, 'apiserver.key');
    writeFileSync(key, '');
    chmodSync(key, 0o640);
    const modes = readFileModes([key, key, join(root, 'missing.crt')]);
    assert.deepEqual([...modes], [[key, 0o640]]);
  });
});
