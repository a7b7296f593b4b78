import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { helmTemplateArgs, renderChart } from './helm.ts';
import { load } from './load.ts';

const CHART = join('testdata', 'helm', 'shop');

describe('Helm charts', () => {
  it('are rendered with helm template and the flags given', () => {
    assert.deepEqual(helmTemplateArgs(CHART, { values: [], set: [] }), ['template', CHART]);
    assert.deepEqual(
      helmTemplateArgs(CHART, {
        values: ['prod.yaml', 'eu.yaml'],
        set: ['image.tag=2.0', 'privileged=false'],
        release: 'web',
        namespace: 'shop',
      }),
      [
        'template',
        'web',
        CHART,
        '--namespace',
        'shop',
        '--values',
        'prod.yaml',
        '--values',
        'eu.yaml',
        '--set',
        'image.tag=2.0',
        '--set',
        'privileged=false',
      ],
    );
  });

  it('without helm, are one error that says how to render the chart and pipe it', async () => {
    const rendered = await renderChart(CHART, {
      values: ['my values.yaml'],
      set: [],
      release: 'web',
      maxBytes: 1024,
      helm: undefined,
    });
    assert.deepEqual(rendered, {
      level: 'error',
      file: CHART,
      line: 0,
      column: 0,
      message:
        'a Helm chart, and helm is not on PATH to render it: render it and read the output instead: ' +
        `helm template web ${CHART} --values 'my values.yaml' > rendered.yaml`,
    });
  });

  it('are never walked for their templates: a chart in a walk is rendered, or one error', async () => {
    const { resources, diagnostics } = await load([join('testdata', 'helm')], {
      recursive: true,
      tools: { helm: undefined },
    });
    assert.deepEqual(
      resources.map((resource) => `${resource.kind} ${resource.origin.file}`),
      [
        'ServiceAccount shop/templates/serviceaccount.yaml',
        'Deployment shop/templates/deployment.yaml',
        'StatefulSet shop/charts/cache/templates/statefulset.yaml',
        'Pod shop/templates/tests/test-connection.yaml',
      ],
    );
    assert.deepEqual(
      diagnostics.map((diagnostic) => `${diagnostic.file}: ${diagnostic.level}`),
      [`${CHART}: error`],
    );
  });

  it('named by their Chart.yaml or with --helm are rendered too', async () => {
    for (const options of [{ paths: [join(CHART, 'Chart.yaml')] }, { paths: [], helm: [CHART] }]) {
      const { resources, diagnostics } = await load(options.paths, {
        recursive: true,
        tools: { helm: undefined },
        ...(options.helm === undefined ? {} : { helm: options.helm }),
      });
      assert.deepEqual(resources, []);
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.file),
        [CHART],
      );
    }
    const { diagnostics } = await load([], { recursive: true, helm: [join('testdata', 'helm')] });
    assert.deepEqual(
      diagnostics.map((diagnostic) => `${diagnostic.file}: ${diagnostic.message}`),
      [`${join('testdata', 'helm')}: no Chart.yaml in it`],
    );
  });
});
