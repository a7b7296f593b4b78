// `kubeward scan` on what kustomize and helm render: findings name the files the objects came from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { needs } from '../testing/tools.ts';

const PROD = join('testdata', 'kustomize', 'overlays', 'prod');
const BASE_DEPLOYMENT = join('testdata', 'kustomize', 'base', 'deployment.yaml');
const RENDERED = join('testdata', 'helm', 'shop-rendered.yaml');

interface JsonReport {
  readonly findings: readonly { readonly check: string; readonly location: Record<string, unknown> | null }[];
}

describe('scanning a kustomization', needs('kubectl'), () => {
  it('reports a patched field at the base file, noted as patched, in every format', () => {
    const json = runCli(['scan', PROD, '--check', 'pss-privileged', '-o', 'json']);
    assert.equal(json.status, 1, json.stderr);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.deepEqual(report.findings[0]?.location, {
      file: BASE_DEPLOYMENT,
      document: 0,
      line: 18,
      column: 11,
      endLine: 20,
      endColumn: 44,
      note: `patched by ${PROD}`,
    });
    const table = runCli(['scan', PROD, '--check', 'pss-privileged', '--check', 'image-digest-missing']);
    assert.match(
      table.stdout,
      new RegExp(
        `^Deployment/prod/prod-web  ${BASE_DEPLOYMENT}\\n` +
          ' {2}CRITICAL +pss-privileged +18:11 +privileged .* \\(patched by testdata/kustomize/overlays/prod\\)\\n' +
          ' {2}LOW +image-digest-missing +17:11 +container "web" image "registry.example/web:1.4.2" is not pinned by digest\\n',
        'm',
      ),
    );
    const sarif = runCli(['scan', PROD, '--check', 'pss-privileged', '-o', 'sarif']);
    assert.match(
      sarif.stdout,
      /"text": "Deployment\/prod\/prod-web: privileged .*\(patched by testdata\/kustomize\/overlays\/prod\)"/,
    );
  });

  it('scans a kustomization with --kustomize, as kubectl -k', () => {
    const run = runCli(['scan', '-k', PROD, '--check', 'pss-host-namespaces', '-o', 'json']);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((finding) => [finding.check, finding.location?.file, finding.location?.line]),
      [['pss-host-namespaces', join(PROD, 'debug-pod.yaml'), 6]],
    );
  });
});

describe('scanning helm template output', () => {
  it('names the template, with the line in the output it read', () => {
    const input = readFileSync(RENDERED, 'utf8');
    const json = runCli(['scan', '-', '--check', 'pss-privileged', '-o', 'json'], { input });
    assert.equal(json.status, 1, json.stderr);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.deepEqual(report.findings[0]?.location, {
      file: 'shop/templates/deployment.yaml',
      document: 1,
      line: 29,
      column: 13,
      endLine: 29,
      endColumn: 29,
      note: 'line in the helm template output <stdin>',
    });
    const table = runCli(['scan', RENDERED, '--check', 'pss-privileged']);
    assert.match(
      table.stdout,
      new RegExp(
        `^Deployment/default/shop  shop/templates/deployment\\.yaml \\(line in the helm template output ${RENDERED}\\)\\n {2}CRITICAL +pss-privileged +29:13 +privileged \\(container "shop" must not set securityContext\\.privileged=true\\)\\n`,
        'm',
      ),
    );
  });
});
