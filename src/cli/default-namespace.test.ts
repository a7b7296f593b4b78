// `--default-namespace NS` places namespaced objects that name none as `kubectl apply -n NS` would, in
// every command that reads manifests. The bundle (testdata/namespaces/apply-n, after argo-cd's
// install.yaml) binds its controller's ServiceAccount to a wildcard ClusterRole in namespace `tools`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';

const BUNDLE = join('testdata', 'namespaces', 'apply-n', 'bundle.yaml');
const HINT = `${BUNDLE}:31:5: warning: ClusterRoleBinding sync-controller and 1 other binding bind ServiceAccounts sync-controller, web in namespace tools`;

describe('--default-namespace', () => {
  it('scan: finds the cluster-admin path of a bundle meant for kubectl apply -n, and warns without it', () => {
    const findings = (args: string[]) => {
      const run = runCli(['scan', BUNDLE, '-o', 'json', '--fail-on', 'none', ...args]);
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { findings: { check: string; message: string }[] };
      return { run, paths: report.findings.filter((f) => f.check === 'rbac-workload-cluster-admin-path') };
    };
    const without = findings([]);
    assert.ok(without.run.stderr.startsWith(HINT), without.run.stderr);
    assert.match(without.run.stderr, /pass --default-namespace tools\n$/);
    assert.deepEqual(without.paths, []);
    const placed = findings(['--default-namespace', 'tools']);
    assert.equal(placed.run.stderr, '');
    assert.deepEqual(
      placed.paths.map((f) => f.message.split(' (')[0]),
      ['StatefulSet sync-controller in namespace tools mounts a token that can create pods in kube-system'],
    );
  });

  it('rbac: paths and who-can read the bundle in the given namespace', () => {
    const without = runCli(['rbac', 'paths', '-f', BUNDLE]);
    assert.equal(without.status, 0, without.stderr);
    assert.ok(without.stderr.startsWith(HINT), without.stderr);
    const paths = runCli(['rbac', 'paths', '-f', BUNDLE, '--default-namespace', 'tools']);
    assert.equal(paths.status, 1, paths.stderr);
    assert.equal(paths.stderr, '');
    assert.match(
      paths.stdout,
      /StatefulSet sync-controller → ServiceAccount tools\/sync-controller → ClusterRoleBinding sync-controller → ClusterRole sync-controller: create pods/,
    );
    const whoCan = runCli([
      'rbac',
      'who-can',
      'list',
      'secrets',
      '-A',
      '-f',
      BUNDLE,
      '--default-namespace',
      'tools',
    ]);
    assert.equal(whoCan.status, 0, whoCan.stderr);
    assert.match(whoCan.stdout, /sync-controller +sync-controller +ServiceAccount +tools/);
  });

  it('netpol, score and test take it too', () => {
    const matrix = runCli(['netpol', 'matrix', '-f', BUNDLE, '-o', 'csv', '--default-namespace', 'tools']);
    assert.equal(matrix.status, 0, matrix.stderr);
    assert.match(matrix.stdout, /^statefulset\/tools\/sync-controller,/m);
    const score = runCli(['score', BUNDLE, '--default-namespace', 'tools']);
    const objects = (JSON.parse(score.stdout) as { object: string }[]).map((report) => report.object);
    assert.deepEqual(objects, [
      'ServiceAccount/sync-controller.tools',
      'ServiceAccount/web.tools',
      'ClusterRole/sync-controller.default',
      'ClusterRoleBinding/sync-controller.default',
      'ClusterRoleBinding/web-view.default',
      'StatefulSet/sync-controller.tools',
    ]);
    const help = runCli(['test', '--help']);
    assert.match(help.stdout, /--default-namespace <name>/);
  });

  it('rejects a name that is no namespace name', () => {
    for (const command of [
      ['scan', BUNDLE],
      ['rbac', 'paths', '-f', BUNDLE],
      ['score', BUNDLE],
    ]) {
      const run = runCli([...command, '--default-namespace', 'Tools_1']);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /argument 'Tools_1' is invalid\. a namespace name is a DNS-1123 label/);
    }
  });
});
