// Every `-o junit` of the real CLI, validated with xmllint against the Jenkins JUnit schema
// (testdata/schemas/junit-jenkins.xsd restates xunit-plugin's junit-10.xsd; see its header).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { ROOT } from '../testing/scan-examples.ts';
import { needs } from '../testing/tools.ts';

const SCHEMA = join(ROOT, 'testdata', 'schemas', 'junit-jenkins.xsd');

/** xmllint's verdict on a document: '' when it validates, else its complaints. */
function schemaErrors(xml: string): string {
  const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, '-'], { input: xml, encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr || `xmllint exited ${String(result.status)}`;
}

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: apps
  annotations:
    kubeward.io/ignore: image-tag-mutable
    kubeward.io/ignore-reason: pinned by the registry
spec:
  containers:
    - name: c
      image: nginx:latest
      securityContext: {privileged: true}
`;

const NETPOL_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;

/** A v2 netassert list whose names and workload carry C0 controls, an escape and a lone surrogate. */
const NETASSERT = `- name: "bell\\x07 & <tab>\\there"
  type: k8s
  targetPort: 80
  src: {k8sResource: {kind: deployment, name: "gho\\x01st", namespace: shop}}
  dst: {k8sResource: {kind: deployment, name: web, namespace: shop}}
- name: "esc\\x1b[31m red \\uFFFE \\uD800"
  type: k8s
  targetPort: 80
  src: {k8sResource: {kind: deployment, name: web, namespace: shop}}
  dst: {k8sResource: {kind: deployment, name: web, namespace: shop}}
`;

describe('JUnit outputs validate against the Jenkins JUnit schema (junit-10.xsd)', needs('xmllint'), () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-junit-'));
    writeFileSync(join(dir, 'pod.yaml'), PRIVILEGED_POD);
    writeFileSync(join(dir, 'broken.yaml'), 'kind: [unclosed\n');
    writeFileSync(join(dir, 'manifests.yaml'), NETPOL_MANIFESTS);
    writeFileSync(join(dir, 'tests.yaml'), NETASSERT);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('the schema rejects what junit-10.xsd rejects: skipped on testsuites, file on a testcase, no errors count', () => {
    const suite = (attributes: string, body = ''): string =>
      `<?xml version="1.0"?>\n<testsuites${attributes}><testsuite name="s" tests="1" failures="0"${body}</testsuites>\n`;
    assert.match(schemaErrors(suite(' skipped="0"', ' errors="0"/>')), /skipped/);
    assert.match(schemaErrors(suite('', '/>')), /errors/);
    assert.match(schemaErrors(suite('', ' errors="0"><testcase name="c" file="f"/></testsuite>')), /file/);
    assert.equal(schemaErrors(suite(' tests="1"', ' errors="0"><testcase name="c"/></testsuite>')), '');
  });

  it('scan: findings, a suppressed check and an input error', () => {
    const run = runCli(['scan', join(dir, 'pod.yaml'), join(dir, 'broken.yaml'), '-o', 'junit']);
    assert.match(run.stdout, /<failure /);
    assert.match(run.stdout, /<skipped message="pinned by the registry"\/>/);
    assert.match(run.stdout, /<testsuite name="input" tests="1" failures="0" errors="1" skipped="0">/);
    assert.equal(schemaErrors(run.stdout), '');
  });

  it('audit node', () => {
    const run = runCli(['audit', 'node', join(ROOT, 'examples/node-insecure'), '-o', 'junit']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /<failure /);
    assert.equal(schemaErrors(run.stdout), '');
  });

  it('netpol assert: control characters in names and reasons are made visible, what XML forbids is dropped', () => {
    const run = runCli(['netpol', 'assert', 'tests.yaml', '-f', 'manifests.yaml', '-o', 'junit'], {
      cwd: dir,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.doesNotMatch(run.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f\uFFFE\uFFFF]/);
    assert.match(run.stdout, /name="bell\\x07 &amp; &lt;tab&gt;\\there"/);
    assert.match(run.stdout, /message="no workload shop\/gho\\x01st in the manifests"/);
    assert.match(run.stdout, /name="esc\\x1b\[31m red  "/);
    assert.equal(schemaErrors(run.stdout), '');
  });

  it('test', () => {
    const policies = join(ROOT, 'testdata/policy/cli');
    const run = runCli([
      'test',
      join(policies, 'policy.yaml'),
      '-f',
      join(policies, 'manifests.yaml'),
      '-o',
      'junit',
    ]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /<failure message="ValidatingAdmissionPolicy &apos;max-replicas&apos;/);
    assert.equal(schemaErrors(run.stdout), '');
  });
});
