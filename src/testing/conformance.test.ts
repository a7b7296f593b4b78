import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFORMANCE_DIR_VARIABLE, conformancePath } from './conformance.ts';
import { ROOT } from './scan-examples.ts';

const MISSING = join(ROOT, 'no-such-corpora');

function conformance(directory: string | undefined): { status: number | null; stderr: string } {
  const env = { ...process.env };
  delete env.KUBEWARD_CONFORMANCE_DIR;
  if (directory !== undefined) env[CONFORMANCE_DIR_VARIABLE] = directory;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/conformance.mjs')], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

describe('npm run conformance', () => {
  it('stops with one line when KUBEWARD_CONFORMANCE_DIR is unset', () => {
    assert.deepEqual(conformance(undefined), {
      status: 2,
      stderr:
        'conformance: KUBEWARD_CONFORMANCE_DIR is not set; set it to a directory holding corpus/ and reference/\n',
    });
  });
  it('stops with one line when the directory is missing', () => {
    assert.deepEqual(conformance(MISSING), {
      status: 2,
      stderr: `conformance: KUBEWARD_CONFORMANCE_DIR=${MISSING} is not a directory\n`,
    });
  });
});

describe('conformancePath', () => {
  it('names the variable or the missing path in a one-line error', () => {
    const saved = process.env[CONFORMANCE_DIR_VARIABLE];
    try {
      delete process.env.KUBEWARD_CONFORMANCE_DIR;
      assert.throws(() => conformancePath('corpus/kubesec'), /^Error: KUBEWARD_CONFORMANCE_DIR is not set/);
      process.env[CONFORMANCE_DIR_VARIABLE] = ROOT;
      assert.throws(
        () => conformancePath('corpus/kubesec'),
        new Error(`KUBEWARD_CONFORMANCE_DIR: ${join(ROOT, 'corpus/kubesec')} does not exist`),
      );
      assert.equal(conformancePath('testdata/score'), join(ROOT, 'testdata/score'));
    } finally {
      if (saved === undefined) delete process.env.KUBEWARD_CONFORMANCE_DIR;
      else process.env[CONFORMANCE_DIR_VARIABLE] = saved;
    }
  });
});
