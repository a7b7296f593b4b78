// A repository holds package.json, CI workflows and Helm charts beside its manifests
// (testdata/repository): a scan of it skips the files with a note, renders the chart (here, with no
// helm on PATH, says how to) and still fails on broken YAML.
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
  `${prefix}environments.yaml:1:1: note: document 1 is a sequence, not a Kubernetes object: skipped`,
  `${prefix}package.json:1:1: note: document 1 is not a Kubernetes object (no kind or metadata): skipped`,
];

/** The error for the chart, rendered by nobody: helm is not on PATH. */
const chart = (prefix: string) =>
  `${prefix}chart: error: a Helm chart, and helm is not on PATH to render it: render it and read the output instead: helm template ${prefix}chart > rendered.yaml`;

/** An environment whose PATH holds no helm. */
function withoutHelm<T>(run: (env: NodeJS.ProcessEnv) => T): T {
  const empty = mkdtempSync(join(tmpdir(), 'kubeward-no-helm-'));
  try {
    return run({ PATH: empty });
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

describe('scanning a repository', () => {
  it('skips files that are no Kubernetes objects with a note, and says how to render the chart', () => {
    const run = withoutHelm((env) => runCli(['scan', REPOSITORY, '-o', 'json'], { env }));
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [chart(`${REPOSITORY}/`), ...notes(`${REPOSITORY}/`)]);
    const report = JSON.parse(run.stdout) as { diagnostics: { level: string }[]; findings: unknown[] };
    assert.deepEqual(
      report.diagnostics.map((diagnostic) => diagnostic.level),
      ['error', 'note', 'note', 'note'],
    );
  });

  it('exits as the manifests decide when the chart is left out', () => {
    const run = runCli(['scan', join(REPOSITORY, 'deploy'), '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
  });

  it('still fails on broken YAML, with its place, and goes on with the other files', () => {
    const copy = mkdtempSync(join(tmpdir(), 'kubeward-repository-'));
    try {
      cpSync(REPOSITORY, copy, { recursive: true });
      writeFileSync(
        join(copy, 'deploy', 'broken.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
      );
      const run = withoutHelm((env) => runCli(['scan', '.', '-o', 'json'], { cwd: copy, env }));
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(run.stderr.trimEnd().split('\n'), [
        chart(''),
        ...notes('').slice(0, 1),
        'deploy/broken.yaml:4:1: error: document 1: invalid YAML: deficient indentation',
        ...notes('').slice(1),
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
