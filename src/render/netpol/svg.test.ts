import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { ConnectionList } from '../../netpol/connections.ts';
import { needs } from '../../testing/tools.ts';
import { renderMatrixDrawing } from './matrix-drawing.ts';

/** xmllint's answer on an SVG document: `--noout` checks it is well-formed, `--xpath` reads it. */
function xmllint(svg: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('xmllint', [...args, '-'], { input: svg, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The text of every SVG element `element` of class `className`'s <title>, in document order. */
function titles(svg: string, className: string): string[] {
  const run = xmllint(
    svg,
    '--xpath',
    `//*[local-name()='g'][@class='${className}']/*[local-name()='title']/text()`,
  );
  return run.stdout.split('\n').filter((line) => line !== '');
}

const SHOP: ConnectionList = {
  workloads: [
    'deployment/shop/web',
    'deployment/shop/db',
    ...Array.from({ length: 60 }, (_, i) => `deployment/team-${String(i % 6)}/svc-${String(i)}`),
  ],
  external: ['10.0.0.0/8'],
  connections: [
    { source: 'deployment/shop/web', destination: 'deployment/shop/db', ports: 'TCP:5432' },
    { source: '10.0.0.0/8', destination: 'deployment/shop/web', ports: 'TCP:8080' },
    ...Array.from({ length: 60 }, (_, i) => ({
      source: `deployment/team-${String(i % 6)}/svc-${String(i)}`,
      destination: 'deployment/shop/web',
      ports: 'TCP:8080',
    })),
  ],
};

describe('netpol matrix -o svg', needs('xmllint'), () => {
  it('is a well-formed SVG document with a cluster per namespace and a node per workload', async () => {
    const { text } = await renderMatrixDrawing(SHOP, 'svg');
    const lint = xmllint(text, '--noout');
    assert.equal(lint.status, 0, lint.stderr);
    assert.match(text, /<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.deepEqual(titles(text, 'cluster'), [
      'cluster_shop',
      'cluster_team-0',
      'cluster_team-1',
      'cluster_team-2',
      'cluster_team-3',
      'cluster_team-4',
      'cluster_team-5',
    ]);
    const nodes = titles(text, 'node');
    assert.equal(nodes.length, 63);
    assert.ok(nodes.includes('deployment/shop/web'));
    assert.ok(nodes.includes('10.0.0.0/8'));
    assert.equal(titles(text, 'edge').length, 62);
  });

  it('draws an empty matrix as a well-formed SVG with no node', async () => {
    const { text, notes } = await renderMatrixDrawing(
      { workloads: [], external: [], connections: [] },
      'svg',
    );
    assert.equal(xmllint(text, '--noout').status, 0);
    assert.deepEqual(titles(text, 'node'), []);
    assert.deepEqual(notes, []);
  });

  it('fails the well-formedness check once the document is cut short', async () => {
    const { text } = await renderMatrixDrawing(SHOP, 'svg');
    const lint = xmllint(text.slice(0, text.length / 2), '--noout');
    assert.notEqual(lint.status, 0);
    assert.match(lint.stderr, /Premature end of data|chunk is not well balanced|EndTag/);
  });
});
