import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from './load.ts';
import type { ReadSource } from './read.ts';

/** `helm template` output in the form testdata/helm/README.md cites. */
const RENDERED = join('testdata', 'helm', 'shop-rendered.yaml');
const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];

function source(file: string, extra: Partial<ReadSource> = {}): ReadSource {
  return { file, text: readFileSync(RENDERED, 'utf8'), format: 'yaml', named: true, ...extra };
}

describe('helm template output', () => {
  it('locates each object at the template its # Source: comment names, with the line in the output', () => {
    const { resources, diagnostics } = loadSources([source(RENDERED)]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      resources.map((resource) => `${resource.kind} ${resource.origin.file}`),
      [
        'ServiceAccount shop/templates/serviceaccount.yaml',
        'Deployment shop/templates/deployment.yaml',
        'StatefulSet shop/charts/cache/templates/statefulset.yaml',
        'Pod shop/templates/tests/test-connection.yaml',
      ],
    );
    const deployment = resources[1];
    assert.deepEqual(deployment?.origin.locate([...CONTAINER, 'securityContext', 'privileged']), {
      line: 29,
      column: 13,
      endLine: 29,
      endColumn: 29,
      note: `line in the helm template output ${RENDERED}`,
    });
    assert.equal(resources[2]?.origin.locate([...CONTAINER, 'securityContext', 'runAsUser']).line, 50);
  });

  it('names stdin as the output, and the templates as helm wrote them', () => {
    const { resources } = loadSources([source('<stdin>')]);
    assert.equal(resources[1]?.origin.file, 'shop/templates/deployment.yaml');
    assert.equal(resources[1]?.origin.locate([]).note, 'line in the helm template output <stdin>');
  });

  it('finds the templates in the chart directory the output was rendered from, subcharts included', () => {
    const chart = join('charts', 'shop');
    const { resources } = loadSources([source(chart, { chart })]);
    assert.deepEqual(
      resources.map((resource) => resource.origin.file),
      [
        join(chart, 'templates', 'serviceaccount.yaml'),
        join(chart, 'templates', 'deployment.yaml'),
        join(chart, 'charts', 'cache', 'templates', 'statefulset.yaml'),
        join(chart, 'templates', 'tests', 'test-connection.yaml'),
      ],
    );
  });

  it('leaves an object without a # Source: comment in its document where it is', () => {
    const text =
      '---\n# Source: shop/templates/a.yaml\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' +
      '---\n# Source: shop/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    const { resources } = loadSources([{ file: 'out.yaml', text, format: 'yaml', named: true }]);
    assert.deepEqual(
      resources.map((resource) => [resource.origin.file, resource.origin.locate([]).line]),
      [
        ['out.yaml', 4],
        ['shop/templates/b.yaml', 10],
      ],
    );
    assert.equal(resources[0]?.origin.locate([]).note, undefined);
  });

  it('leaves files without # Source: comments alone', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # Source: not at a line start\n';
    const { resources } = loadSources([{ file: 'plain.yaml', text, format: 'yaml', named: true }]);
    assert.equal(resources[0]?.origin.file, 'plain.yaml');
    assert.equal(resources[0]?.origin.locate([]).note, undefined);
  });
});
