// A repository holds package.json, CI workflows and Helm charts beside its manifests
// (testdata/repository): a scan of it skips them with a note and still fails on broken YAML.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';

const REPOSITORY = join('testdata', 'repository');

/** The notes for the skipped files, their paths under `prefix`. */
const notes = (prefix: string) => [
  `${prefix}.github/workflows/ci.yml:1:1: note: document 1 is not a Kubernetes object (no kind or metadata): skipped`,
  `${prefix}chart/Chart.yaml:1:1: note: document 1 is not a Kubernetes object (no kind or metadata): skipped`,
  `${prefix}chart/values.yaml:1:1: note: document 1 is not a Kubernetes object (no kind or metadata): skipped`,
  `${prefix}environments.yaml:1:1: note: document 1 is a sequence, not a Kubernetes object: skipped`,
  `${prefix}package.json:1:1: note: document 1 is not a Kubernetes object (no kind or metadata): skipped`,
];

describe('scanning a repository', () => {
  it('skips files that are no Kubernetes objects with a note, and exits as the manifests decide', () => {
    const run = runCli(['scan', REPOSITORY, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stderr.trimEnd().split('\n'), notes(`${REPOSITORY}/`));
    const report = JSON.parse(run.stdout) as { diagnostics: { level: string }[]; findings: unknown[] };
    assert.deepEqual(
      report.diagnostics.map((diagnostic) => diagnostic.level),
      ['note', 'note', 'note', 'note', 'note'],
    );
  });

  it('still fails on broken YAML, with its place, and goes on with the other files', () => {
    const copy = mkdtempSync(join(tmpdir(), 'kubeward-repository-'));
    try {
      cpSync(REPOSITORY, copy, { recursive: true });
      writeFileSync(
        join(copy, 'deploy', 'broken.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
      );
      const run = runCli(['scan', '.', '-o', 'json'], { cwd: copy });
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(run.stderr.trimEnd().split('\n'), [
        ...notes('').slice(0, 3),
        'deploy/broken.yaml:4:1: error: document 1: invalid YAML: deficient indentation',
        ...notes('').slice(3),
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
