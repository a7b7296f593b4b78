// A process whose command never settles must not exit 0 when its event loop empties.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ROOT } from '../testing/scan-examples.ts';

/** Runs a module that watches itself with exitIfUnfinished, then awaits `pending`. */
function runWatched(pending: string) {
  const code = `import { exitIfUnfinished } from './src/cli/unfinished.ts';
const finished = exitIfUnfinished();
process.exitCode = await ${pending};
finished();`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('exitIfUnfinished', () => {
  it('makes a process whose command never settles exit 3 with a message', () => {
    const run = runWatched('new Promise(() => {})');
    assert.equal(run.status, 3);
    assert.equal(
      run.stderr,
      'internal error: kubeward stopped before its command finished: a promise never settled\n',
    );
  });

  it('leaves a command that finished alone', () => {
    const run = runWatched('Promise.resolve(0)');
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });
});
