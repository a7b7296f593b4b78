import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { privilegedPod } from '../testing/hardened-pod.ts';

/** A directory holding a privileged pod and `.kubeward.yaml` with one exception for it. */
function project(exception: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-exceptions-'));
  writeFileSync(join(dir, 'pod.yaml'), privilegedPod('agent'));
  writeFileSync(join(dir, '.kubeward.yaml'), `failOn: high\nexceptions:\n${exception}`);
  return dir;
}

describe('kubeward scan with .kubeward.yaml exceptions', () => {
  it('suppresses the finding an exception matches, with its reason', () => {
    const dir = project('  - check: "pss-*"\n    object: {name: agent}\n    reason: node agent\n');
    const run = runCli(['scan', 'pod.yaml', '--show-suppressed'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /SUPPRESSED\s+pss-privileged\s+25:9\s+privileged .* \(node agent\)/);
  });

  it('reports an expired exception at its entry, and the finding counts again', () => {
    const dir = project('  - check: pss-privileged\n    reason: node agent\n    expires: 2020-01-31\n');
    const run = runCli(['scan', 'pod.yaml'], { cwd: dir });
    assert.equal(run.status, 1, 'pss-privileged is critical again');
    assert.match(run.stdout, /CRITICAL\s+pss-privileged\s+25:9/);
    assert.match(
      run.stdout,
      /Config\/\.kubeward\.yaml {2}\.kubeward\.yaml\n {2}LOW\s+exception-expired\s+3:5\s+exception for "pss-privileged" expired on 2020-01-31 and no longer suppresses \(reason was: node agent\)\n/,
    );
    const junit = runCli(['scan', 'pod.yaml', '-o', 'junit'], { cwd: dir }).stdout;
    assert.match(junit, /<testsuite name="Config\/\.kubeward\.yaml" tests="1" failures="1"/);
    const skipped = runCli(['scan', 'pod.yaml', '--skip', 'exception-expired'], { cwd: dir }).stdout;
    assert.doesNotMatch(skipped, /exception-expired/);
  });

  it('exits 2 on an exception without a reason, at its line and column', () => {
    const dir = project('  - check: pss-privileged\n    expires: 2030-01-01\n');
    const run = runCli(['scan', 'pod.yaml'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'error: .kubeward.yaml:3:5: exceptions[0].reason: reason is required: say why the finding is accepted\n',
    );
  });
});
