// --kubernetes-version on the commands that add the default RBAC objects (rbac, scan).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';

describe('--kubernetes-version', () => {
  it('who-can answers with the controller roles of the chosen version, a newer one using the newest table', () => {
    const run = runCli(['rbac', 'who-can', 'create', 'pods', '--kubernetes-version', 'v1.37.1']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /system:controller:replicaset-controller +replicaset-controller +ServiceAccount +kube-system/,
    );
  });

  it('is a usage error (exit 2) listing the known versions for a version older than every table', () => {
    for (const command of [
      ['rbac', 'who-can', 'get', 'secrets'],
      ['scan', 'examples/hardened'],
    ]) {
      const run = runCli([...command, '--kubernetes-version', '1.20']);
      assert.equal(run.status, 2, command.join(' '));
      assert.match(
        run.stderr,
        /Kubernetes version "1\.20" has no bootstrap policy table: .*\(tables: 1\.36;/,
      );
      assert.equal(run.stdout, '');
    }
  });
});
