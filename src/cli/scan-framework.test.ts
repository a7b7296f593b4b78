import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';

/** A pod that shares the node's network namespace and sets nothing else. */
const HOST_NETWORK_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: web, namespace: apps}',
  'spec:',
  '  hostNetwork: true',
  '  containers:',
  '    - name: app',
  '      image: registry.example.com/app:1.0',
  '',
].join('\n');

interface Control {
  id: string;
  title: string;
  status: string;
  findings: number;
  checks: { id: string; applied: boolean; findings: number }[];
}

/** The framework scorecard of `kubeward scan - --framework <id> -o json` on `input`. */
function scorecard(input: string, ...args: string[]): Map<string, Control> {
  const run = runCli(['scan', '-f', '-', '--fail-on', 'none', '-o', 'json', ...args], { input });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { framework: { controls: Control[] } };
  return new Map(report.framework.controls.map((control) => [control.id, control]));
}

describe('kubeward scan --framework', () => {
  it('fails a PSS control with the findings of its checks, and passes the controls they clear', () => {
    const controls = scorecard(HOST_NETWORK_POD, '--framework', 'pss');
    const namespaces = controls.get('host-namespaces');
    assert.equal(namespaces?.title, 'Host Namespaces');
    assert.equal(namespaces.status, 'fail');
    assert.equal(namespaces.findings, 1);
    assert.deepEqual(namespaces.checks, [{ id: 'pss-host-namespaces', applied: true, findings: 1 }]);
    const privileged = controls.get('privileged-containers');
    assert.equal(privileged?.status, 'pass');
    assert.deepEqual(privileged.checks, [{ id: 'pss-privileged', applied: true, findings: 0 }]);
  });

  it('leaves a restricted control not checked when the PSS level is baseline', () => {
    const restricted = scorecard(HOST_NETWORK_POD, '--framework', 'pss');
    assert.equal(restricted.get('running-as-non-root')?.status, 'fail');
    const baseline = scorecard(HOST_NETWORK_POD, '--framework', 'pss', '--pss-level', 'baseline');
    const control = baseline.get('running-as-non-root');
    assert.equal(control?.status, 'not checked');
    assert.deepEqual(control.checks, [{ id: 'pss-run-as-non-root', applied: false, findings: 0 }]);
  });

  it('scores baseline Seccomp at level baseline only: restricted replaces its PSA check by a stricter one', () => {
    const restricted = scorecard(HOST_NETWORK_POD, '--framework', 'pss');
    assert.equal(restricted.get('seccomp')?.status, 'not checked');
    assert.equal(restricted.get('seccomp-restricted')?.status, 'fail');
    const baseline = scorecard(HOST_NETWORK_POD, '--framework', 'pss', '--pss-level', 'baseline');
    assert.equal(baseline.get('seccomp')?.status, 'pass');
    assert.equal(baseline.get('seccomp-restricted')?.status, 'not checked');
  });

  it('says not checked for node controls on manifests, and not covered for techniques no check guards', () => {
    const nsa = scorecard(HOST_NETWORK_POD, '--framework', 'nsa');
    assert.equal(nsa.get('etcd')?.status, 'not checked');
    assert.equal(nsa.get('non-root')?.status, 'fail');
    const mitre = scorecard(HOST_NETWORK_POD, '--framework', 'mitre');
    assert.equal(mitre.get('T1611')?.status, 'fail');
    assert.equal(mitre.get('T1485')?.status, 'not covered');
    assert.deepEqual(mitre.get('T1485')?.checks, []);
  });

  it('prints the scorecard under the theme table, and no framework key without the flag', () => {
    const table = runCli(['scan', '-f', '-', '--fail-on', 'none', '--framework', 'pss'], {
      input: HOST_NETWORK_POD,
    });
    assert.equal(table.status, 0, table.stderr);
    assert.match(
      table.stdout,
      /^Pod Security Standards: \d+ pass, \d+ fail, \d+ not checked, 0 not covered$/m,
    );
    assert.match(table.stdout, /^host-namespaces +fail +1\/1 +1 +Host Namespaces +pss-host-namespaces$/m);
    const plain = runCli(['scan', '-f', '-', '--fail-on', 'none', '-o', 'json'], { input: HOST_NETWORK_POD });
    assert.equal('framework' in (JSON.parse(plain.stdout) as object), false);
  });

  it('rejects an unknown framework with exit 2', () => {
    const run = runCli(['scan', '-f', '-', '--framework', 'iso'], { input: HOST_NETWORK_POD });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nsa, mitre, cis, pss/);
  });
});
