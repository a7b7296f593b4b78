// Runs `kubeward netpol matrix -o md|dot|svg` for real (a child process through tsx).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'netpol');
/** A manifest of `count` Deployments over `namespaces` namespaces and no NetworkPolicy: all pairs connect. */
function deployments(count: number, namespaces: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubeward-drawing-')), 'deployments.yaml');
  const documents = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${String(i)}`, namespace: `ns-${String(i % namespaces)}` },
      spec: {
        selector: { matchLabels: { app: `app-${String(i)}` } },
        template: {
          metadata: { labels: { app: `app-${String(i)}` } },
          spec: { containers: [{ name: 'main', image: 'example/app:1' }] },
        },
      },
    }),
  );
  writeFileSync(file, documents.join('\n---\n'));
  return file;
}

const INPUTS = ['-f', 'manifests.yaml', '-f', 'generated-policies.yaml'];

describe('kubeward netpol matrix drawings (CLI)', () => {
  it('-o dot prints the digraph with a cluster per namespace and exits 0', () => {
    const run = runNetpol(['matrix', ...INPUTS, '-o', 'dot'], EXAMPLES);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^digraph netpol \{\n/);
    assert.match(run.stdout, /^ {2}subgraph "cluster_new-namespace" \{$/m);
    assert.match(
      run.stdout,
      /^ {2}"deployment\/new-namespace\/test-microservice" -> "deployment\/new-namespace\/test-database" \[label="TCP:5432"\];$/m,
    );
  });

  it('-o svg prints an SVG document laid out by Graphviz and exits 0', () => {
    const run = runNetpol(['matrix', ...INPUTS, '-o', 'svg'], EXAMPLES);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>\n/);
    assert.match(run.stdout, /<title>cluster_default<\/title>/);
    assert.match(run.stdout, /<\/svg>\n$/);
  });

  it('-o md prints the markdown table', () => {
    const run = runNetpol(['matrix', ...INPUTS, '-o', 'md'], EXAMPLES);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.split('\n').length, 6);
    assert.equal(
      run.stdout.split('\n')[2],
      '| `deployment/default/test-frontend` | `deployment/default/test-microservice` | `TCP:8000` |',
    );
  });

  it('draws 160 workloads in 4 namespaces by namespace, with a note on stderr', () => {
    const run = runNetpol(['matrix', '-f', deployments(160, 4), '-o', 'dot'], EXAMPLES);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stderr,
      'note: 160 workloads and 26240 connections are more than one drawing shows (150 nodes, 500 edges): drawn by namespace; -n NAMESPACE draws the workloads of one\n',
    );
    assert.match(
      run.stdout,
      /^ {2}"namespace ns-0" -> "namespace ns-1" \[label="1600 connections: all"\];$/m,
    );
  });

  it('refuses 160 workloads in 160 namespaces with a usage error (exit 2)', () => {
    const run = runNetpol(['matrix', '-f', deployments(160, 160), '-o', 'svg'], EXAMPLES);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /too large to draw: 160 workloads and 26240 connections make 162 nodes and 26240 edges even drawn by namespace \(at most 150 nodes and 500 edges\); narrow the matrix with -n NAMESPACE/,
    );
  });
});
