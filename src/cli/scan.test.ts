import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { hardenedPod, privilegedPod } from '../testing/hardened-pod.ts';

const directory = () => mkdtempSync(join(tmpdir(), 'kubeward-cli-'));
const write = (dir: string, name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const cleanPod = hardenedPod('ok');

describe('kubeward scan exit codes', () => {
  it('exits 0 when nothing reaches --fail-on', () => {
    const dir = directory();
    const run = runCli(['scan', write(dir, 'ok.yaml', cleanPod), '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { check: string; severity: string }[] };
    const serious = report.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    assert.deepEqual(serious, []);
  });

  it('exits 1 on a finding at or above --fail-on (default high), 0 when the threshold is above it', () => {
    const dir = directory();
    const file = write(dir, 'pod.yaml', privilegedPod('p'));
    assert.equal(runCli(['scan', file]).status, 1);
    assert.equal(runCli(['scan', '-f', file, '--fail-on', 'none']).status, 0);
    const latest = write(
      dir,
      'latest.yaml',
      hardenedPod('latest', { image: 'registry.example.com/app:latest' }),
    );
    assert.equal(runCli(['scan', latest]).status, 0, 'medium finding below the default high');
    assert.equal(runCli(['scan', latest, '--fail-on', 'medium']).status, 1);
  });

  it('exits 2 on unusable input, still scanning the other files', () => {
    const dir = directory();
    write(dir, 'a-broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n');
    write(dir, 'b-pod.yaml', privilegedPod('still-scanned'));
    const run = runCli(['scan', dir, '-o', 'json']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /a-broken\.yaml:4:1: error: document 1: invalid YAML/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    const report = JSON.parse(run.stdout) as {
      findings: { check: string; object: { kind: string; name: string } }[];
    };
    const pods = report.findings.filter((finding) => finding.object.kind === 'Pod');
    assert.deepEqual(
      pods.filter((finding) => finding.check === 'pss-privileged').map((finding) => finding.object.name),
      ['still-scanned'],
    );
    assert.ok(pods.every((finding) => finding.object.name === 'still-scanned'));
  });

  it('exits 2 on a usage error and on a bad config, with one clear line', () => {
    const unknown = runCli(['scan', '--no-such-flag']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown option '--no-such-flag'/);
    assert.equal(runCli(['scan']).status, 2);
    assert.equal(runCli(['scan', '.', '-o', 'xml']).status, 2);
    const dir = directory();
    const config = write(dir, 'bad.yaml', 'checks:\n  disable: [nope]\n');
    const bad = runCli(['scan', '--config', config, write(dir, 'ok.yaml', cleanPod)]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, `error: ${config}:2:13: unknown check "nope" (see kubeward checks list)\n`);
  });

  it('warns about an exclude.paths pattern that matches no scanned file, and excludes by the others', () => {
    const dir = directory();
    mkdirSync(join(dir, 'vendor'));
    const config = write(dir, 'kubeward.yaml', 'exclude:\n  paths:\n    - vendor\n    - missing/\n');
    const pod = write(dir, 'vendor/pod.yaml', hardenedPod('web', { privileged: true }));
    const run = runCli(['scan', pod, '--config', config]);
    assert.equal(
      run.stderr,
      `${config}:4:7: warning: exclude.paths pattern "missing/" matches no scanned file\n`,
    );
    assert.equal(run.status, 0);
    assert.equal(runCli(['scan', pod]).status, 1, 'the privileged pod fails the run when not excluded');
  });

  it('exits 2 for a missing path and names it, once', () => {
    const run = runCli(['scan', '/nonexistent/manifests']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, '/nonexistent/manifests: error: cannot read: no such file or directory\n');
  });

  it('accepts a config naming a node-file check when the input has no node files', () => {
    const dir = directory();
    const config = write(
      dir,
      'kubeward.yaml',
      'checks:\n  disable: [certificate-expiry, node-file-permissions]\n',
    );
    const run = runCli(['scan', write(dir, 'pod.yaml', hardenedPod('web')), '--config', config]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
  });

  it('reads a kubeconfig named on the command line once, as a kubeconfig', () => {
    const dir = directory();
    const kubeconfig = write(
      dir,
      'admin.conf',
      'apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}\n',
    );
    const run = runCli(['scan', kubeconfig, '-o', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { check: string }[] };
    assert.deepEqual(
      report.findings.map((finding) => finding.check),
      ['kubeconfig-insecure-tls'],
    );
  });
});

describe('kubeward scan input and suppression', () => {
  it('reads stdin with -f -', () => {
    const run = runCli(['scan', '-f', '-', '-o', 'json'], { input: privilegedPod('from-stdin') });
    const report = JSON.parse(run.stdout) as {
      findings: { check: string; location: { file: string; line: number } }[];
    };
    assert.deepEqual(
      report.findings
        .filter((f) => f.check === 'pss-privileged')
        .map((f) => [f.location.file, f.location.line]),
      [['<stdin>', 25]],
    );
  });

  it('honours kubeward.io/ignore with its reason, and --ignore-annotations', () => {
    const dir = directory();
    const file = write(
      dir,
      'pod.yaml',
      privilegedPod(
        'agent',
        'kubeward.io/ignore: "pss-privileged"\nkubeward.io/ignore-reason: node agent needs devices',
      ),
    );
    const run = runCli(['scan', file, '-o', 'json']);
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout) as {
      summary: { suppressed: number };
      findings: { check: string; suppressed: unknown }[];
    };
    assert.equal(report.summary.suppressed, 1);
    assert.deepEqual(report.findings.find((f) => f.check === 'pss-privileged')?.suppressed, {
      by: 'annotation',
      reason: 'node agent needs devices',
    });
    assert.equal(runCli(['scan', file, '--ignore-annotations']).status, 1);
  });

  it('applies .kubeward.yaml from the working directory', () => {
    const dir = directory();
    write(dir, '.kubeward.yaml', 'checks:\n  severity: {pss-privileged: low}\n');
    write(dir, 'pod.yaml', privilegedPod('p'));
    const run = runCli(['scan', 'pod.yaml', '-o', 'json'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /"severity": "low"/);
  });

  it('filters by namespace with -n, keeping the Namespace itself and cluster-scoped objects', () => {
    const dir = directory();
    const binding = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata: {name: ops-admins}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
      'subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: ops}]',
      '',
    ].join('\n');
    const file = write(
      dir,
      'pods.yaml',
      `${privilegedPod('a')}---\n${hardenedPod('b', { namespace: 'prod', privileged: true })}---\n${binding}`,
    );
    const objects = (namespace: string): string[] => {
      const report = JSON.parse(runCli(['scan', file, '-n', namespace, '-o', 'json']).stdout) as {
        findings: { object: { kind: string; namespace: string; name: string } }[];
      };
      const named = report.findings.map(({ object }) => `${object.kind}/${object.namespace}/${object.name}`);
      return [...new Set(named)].sort();
    };
    assert.deepEqual(objects('prod'), ['ClusterRoleBinding//ops-admins', 'Namespace//prod', 'Pod/prod/b']);
    assert.deepEqual(objects('apps'), ['ClusterRoleBinding//ops-admins', 'Namespace//apps', 'Pod/apps/a']);
  });
});

describe('kubeward scan output formats', () => {
  it('writes every format for the insecure example', () => {
    for (const format of ['table', 'json', 'yaml', 'sarif', 'junit']) {
      const run = runCli(['scan', 'examples/insecure', '-o', format]);
      assert.equal(run.status, 1, `${format}: ${run.stderr}`);
      assert.ok(run.stdout.length > 200, format);
    }
  });

  it('writes JUnit with one testcase per object and check', () => {
    const dir = directory();
    const run = runCli(['scan', write(dir, 'pod.yaml', privilegedPod('p')), '-o', 'junit']);
    assert.match(
      run.stdout,
      /<testsuite name="Pod\/apps\/p" tests="\d+" failures="\d+" errors="0" skipped="0"/,
    );
    assert.match(
      run.stdout,
      /<testcase name="pss-privileged" classname="Pod\/apps\/p">\n\s+<failure message="privileged \(container &quot;app&quot; must not set securityContext.privileged=true\)" type="\w+">/,
    );
    assert.match(run.stdout, /<testcase name="image-tag-mutable" classname="Pod\/apps\/p"\/>/);
  });
});
