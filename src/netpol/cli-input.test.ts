// `kubeward netpol` on input it must not drop silently (testdata/netpol/no-silent-drops), and the
// admin-tier and hostNetwork flags, run for real in a child process.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'testdata', 'netpol', 'no-silent-drops');

function netpol(args: readonly string[]): CommandRun {
  return runNetpol(args, FIXTURES);
}

const MALFORMED =
  /^malformed-workload\.yaml:23:11: error: Deployment\/db: invalid spec\.template\.spec\.containers\[0\]\.ports: must be a list, got a map$/m;

describe('kubeward netpol: no silent drops', () => {
  it('a workload with a malformed spec is reported, and explain says why it is missing (exit 2)', () => {
    const run = netpol([
      'explain',
      'deployment/shop/web',
      'deployment/shop/db',
      '-f',
      'malformed-workload.yaml',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, MALFORMED);
    assert.match(
      run.stderr,
      /^error: deployment\/shop\/db is left out: its pod spec is invalid \(see the errors above\)$/m,
    );
  });

  it('matrix and assert print the inventory errors and exit 2, after their output', () => {
    const matrix = netpol(['matrix', '-f', 'malformed-workload.yaml', '-o', 'csv']);
    assert.equal(matrix.status, 2);
    assert.match(matrix.stderr, MALFORMED);
    assert.match(matrix.stdout, /^deployment\/shop\/web,deployment\/shop\/web,all$/m);
    const asserted = netpol(['assert', 'web-to-web.yaml', '-f', 'malformed-workload.yaml']);
    assert.equal(asserted.status, 2);
    assert.match(asserted.stderr, MALFORMED);
    assert.match(asserted.stdout, /^ok 1 - web reaches web$/m);
  });

  it('a well-formed input exits 0 and prints no diagnostics', () => {
    const run = netpol(['matrix', '-f', 'duplicate-policy/b-later.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('labels and selectors the API server refuses are errors citing its rule (exit 2)', () => {
    const run = netpol(['matrix', '-f', 'invalid-labels.yaml']);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^invalid-labels\.yaml:8:\d+: error: Deployment shop\/web: label key "team@b": name part must consist of alphanumeric characters, '-', '_' or '\.', and must start and end with an alphanumeric character \(regex \(\[A-Za-z0-9\]\[-A-Za-z0-9_\.\]\*\)\?\[A-Za-z0-9\]\)$/m,
    );
    assert.match(
      run.stderr,
      /^invalid-labels\.yaml:19:\d+: error: NetworkPolicy shop\/from-x: label value "\$x" must be empty or consist of alphanumeric characters/m,
    );
  });

  it('two policies with one namespace/name: a warning, and the later one decides', () => {
    const run = netpol(['explain', 'shop/web', 'shop/web', '80', '-f', 'duplicate-policy']);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /^duplicate-policy\/a-first\.yaml:12:1: warning: NetworkPolicy shop\/web-ingress is declared again at duplicate-policy\/b-later\.yaml:2:1: /m,
    );
    assert.match(run.stdout, /^DENIED \(TCP\/80\)/);
    assert.match(run.stdout, /isolated by: shop\/web-ingress \(duplicate-policy\/b-later\.yaml:6:3\)/);
  });

  it('quoted strings continued at a shallow indent are read as kubectl reads them, with a warning', () => {
    const run = netpol(['explain', 'shop/web', 'shop/web', '80', '-f', 'multiline-quoted.yaml']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /isolated by: shop\/deny-web \(multiline-quoted\.yaml:22:3\)/);
    assert.match(
      run.stderr,
      /^multiline-quoted\.yaml:25:1: warning: this continuation line of a quoted string is indented no deeper than its key: the YAML spec refuses it, kubectl \(go-yaml\) reads it; indent it further$/m,
    );
  });
});

describe('kubeward netpol: admin tiers and hostNetwork', () => {
  it('explain names the ANP rule that denies, and --host-network=pod changes the DaemonSet verdict', () => {
    const denied = netpol(['explain', 'team-b/api', 'team-a/web', '80', '-f', 'admin-tiers.yaml']);
    assert.equal(denied.status, 1, denied.stderr);
    assert.match(
      denied.stdout,
      /decided by: AdminNetworkPolicy isolate-team-a \(priority 10\) rule deny-other-teams: Deny\n  matched AdminNetworkPolicy isolate-team-a priority 10 rule deny-other-teams at admin-tiers\.yaml:\d+:\d+: Deny \(all\)/,
    );
    const agent = [
      'explain',
      'daemonset/monitoring/node-agent',
      'team-a/web',
      '80',
      '-f',
      'admin-tiers.yaml',
    ];
    const asNode = netpol(agent);
    assert.equal(asNode.status, 0, asNode.stdout);
    assert.match(asNode.stdout, /decided by: node-local: a hostNetwork DaemonSet runs on every node/);
    const asPod = netpol([...agent, '--host-network', 'pod']);
    assert.equal(asPod.status, 1, asPod.stdout);
    assert.match(
      asPod.stdout,
      /decided by: AdminNetworkPolicy isolate-team-a \(priority 10\) rule deny-other-teams: Deny/,
    );
  });

  it('warns about an unknown field in an ANP selector (an older peer form) and evaluates it as dropped', () => {
    const run = netpol(['explain', 'pod/demo/a', 'pod/demo/b', '80', '-f', 'anp-older-peer-form.yaml']);
    assert.match(
      run.stderr,
      /^anp-older-peer-form\.yaml:38:13: warning: AdminNetworkPolicy pass-development: unknown field namespaceSelector in a label selector: kubectl apply refuses it, and an API server that accepts it drops it, so this selector matches as if namespaceSelector were not written$/m,
    );
    assert.match(run.stdout, /^DENIED \(TCP\/80\)/m);
    assert.match(run.stdout, /rule development-ns at anp-older-peer-form\.yaml:34:7: Pass \(all\)/);
    assert.match(run.stdout, /decided by: BaselineAdminNetworkPolicy default rule baseline-deny: Deny/);
    const current = netpol(['matrix', '-f', 'admin-tiers.yaml']);
    assert.match(current.stderr, /warning: AdminNetworkPolicy/);
    assert.doesNotMatch(current.stderr, /unknown field/);
  });

  it('warns about ANPs sharing a priority and about a BANP not named default', () => {
    const run = netpol(['matrix', '-f', 'admin-tiers.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stderr,
      /^admin-tiers\.yaml:\d+:\d+: warning: AdminNetworkPolicy z-same-priority has priority 10 like isolate-team-a: the API leaves the order undefined; kubeward evaluates isolate-team-a first \(by name\)$/m,
    );
    assert.match(
      run.stderr,
      /^admin-tiers\.yaml:\d+:\d+: warning: BaselineAdminNetworkPolicy strict is ignored: the only one a cluster accepts is named "default"$/m,
    );
    const bad = netpol(['matrix', '-f', 'admin-tiers.yaml', '--host-network', 'bridge']);
    assert.notEqual(bad.status, 0);
    assert.match(
      bad.stderr,
      /option '--host-network <mode>' argument 'bridge' is invalid\. Allowed choices are ignore, pod\./,
    );
  });
});
