import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionList } from '../../netpol/connections.ts';
import { drawConnections } from './drawing.ts';
import { dotString, renderDot } from './dot.ts';
import { renderDotSvg } from './svg.ts';

/** The text of an XML text node as Graphviz writes it (its entities and character references decoded). */
function xmlText(value: string): string {
  return value
    .replaceAll(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

const SHOP: ConnectionList = {
  workloads: ['deployment/shop/db', 'deployment/shop/web', 'statefulset/billing/ledger'],
  external: ['0.0.0.0/0', '10.0.0.0/8'],
  connections: [
    { source: 'deployment/shop/web', destination: 'deployment/shop/db', ports: 'TCP:5432' },
    { source: '10.0.0.0/8', destination: 'deployment/shop/web', ports: 'TCP:8080' },
    { source: 'deployment/shop/web', destination: 'statefulset/billing/ledger', ports: 'all' },
  ],
};

describe('netpol matrix -o dot', () => {
  it('draws namespaces as clusters, workloads as boxes and connections labelled with their ports', () => {
    assert.equal(
      renderDot(drawConnections(SHOP)),
      [
        'digraph netpol {',
        '  label="allowed connections";',
        '  labelloc=t;',
        '  rankdir=LR;',
        '  fontname="Helvetica";',
        '  node [shape=box, fontname="Helvetica", fontsize=11, margin="0.25,0.06"];',
        '  edge [fontname="Helvetica", fontsize=9];',
        '  subgraph "cluster_billing" {',
        '    label="namespace billing";',
        '    "statefulset/billing/ledger" [label="statefulset/ledger"];',
        '  }',
        '  subgraph "cluster_shop" {',
        '    label="namespace shop";',
        '    "deployment/shop/db" [label="deployment/db"];',
        '    "deployment/shop/web" [label="deployment/web"];',
        '  }',
        '  "10.0.0.0/8" [label="10.0.0.0/8", shape=ellipse];',
        '  "10.0.0.0/8" -> "deployment/shop/web" [label="TCP:8080"];',
        '  "deployment/shop/web" -> "deployment/shop/db" [label="TCP:5432"];',
        '  "deployment/shop/web" -> "statefulset/billing/ledger" [label="all"];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives the same text whatever the order of the list', () => {
    const shuffled: ConnectionList = {
      workloads: [...SHOP.workloads].reverse(),
      external: [...SHOP.external].reverse(),
      connections: [...SHOP.connections].reverse(),
    };
    assert.equal(renderDot(drawConnections(shuffled)), renderDot(drawConnections(SHOP)));
  });

  it('draws a connection allowed both ways on the same ports once, with an arrow at each end', () => {
    const dot = renderDot(
      drawConnections({
        workloads: ['deployment/shop/a', 'deployment/shop/b', 'deployment/shop/c'],
        external: [],
        connections: [
          { source: 'deployment/shop/a', destination: 'deployment/shop/b', ports: 'TCP:80' },
          { source: 'deployment/shop/b', destination: 'deployment/shop/a', ports: 'TCP:80' },
          { source: 'deployment/shop/b', destination: 'deployment/shop/c', ports: 'TCP:80' },
          { source: 'deployment/shop/c', destination: 'deployment/shop/b', ports: 'TCP:81' },
        ],
      }),
    );
    assert.deepEqual(
      dot.split('\n').filter((line) => line.includes('->')),
      [
        '  "deployment/shop/a" -> "deployment/shop/b" [label="TCP:80", dir=both];',
        '  "deployment/shop/b" -> "deployment/shop/c" [label="TCP:80"];',
        '  "deployment/shop/c" -> "deployment/shop/b" [label="TCP:81"];',
      ],
    );
  });

  it('draws address ranges reached alike as one node, and ranges reached otherwise apart', () => {
    const web = 'deployment/shop/web';
    const dot = renderDot(
      drawConnections({
        workloads: [web],
        external: ['0.0.0.0/0', '10.0.0.0/8', '::/0'],
        connections: [
          { source: '0.0.0.0/0', destination: web, ports: 'TCP:443' },
          { source: '::/0', destination: web, ports: 'TCP:443' },
          { source: '10.0.0.0/8', destination: web, ports: 'TCP:8080' },
        ],
      }),
    );
    assert.deepEqual(
      dot.split('\n').filter((line) => line.includes('shape=ellipse') || line.includes('->')),
      [
        '  "0.0.0.0/0" [label="0.0.0.0/0, ::/0", shape=ellipse];',
        '  "10.0.0.0/8" [label="10.0.0.0/8", shape=ellipse];',
        '  "0.0.0.0/0" -> "deployment/shop/web" [label="TCP:443"];',
        '  "10.0.0.0/8" -> "deployment/shop/web" [label="TCP:8080"];',
      ],
    );
  });

  it('draws an empty matrix as a graph with no node', () => {
    const dot = renderDot(drawConnections({ workloads: [], external: [], connections: [] }));
    assert.doesNotMatch(dot, /->|subgraph|\[label=/);
    assert.match(dot, /^digraph netpol \{\n[^]*\}\n$/);
  });

  it('draws the other end of a connection from another namespace in its own cluster (under -n)', () => {
    const dot = renderDot(
      drawConnections({
        workloads: ['deployment/shop/web'],
        external: [],
        connections: [
          { source: 'deployment/edge/proxy', destination: 'deployment/shop/web', ports: 'TCP:80' },
        ],
      }),
    );
    assert.match(
      dot,
      /subgraph "cluster_edge" \{\n {4}label="namespace edge";\n {4}"deployment\/edge\/proxy"/,
    );
  });
});

describe('DOT strings', () => {
  it('escapes quotes and backslashes, and makes control characters visible', () => {
    assert.equal(dotString('plain'), '"plain"');
    assert.equal(dotString('say "hi"'), '"say \\"hi\\""');
    assert.equal(dotString('ends with \\'), '"ends with \\\\"');
    assert.equal(dotString('two\nlines'), '"two\\\\nlines"');
  });

  it('keeps Graphviz reading names that are DOT keywords, quotes, backslashes or HTML-like', async () => {
    // Names no Kubernetes object has, as a list might still carry them (e.g. a peer named by a tool).
    const names = ['node', 'subgraph', 'a"b', 'c\\', '<b>html</b>', 'x -> y', 'd;e', '{ingress-controller}'];
    const list: ConnectionList = {
      workloads: names.map((name) => `deployment/ns-1/${name}`),
      external: [],
      connections: names.map((name) => ({
        source: `deployment/ns-1/${name}`,
        destination: '{peer}',
        ports: 'TCP:80',
      })),
    };
    const { svg } = await renderDotSvg(renderDot(drawConnections(list)));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => xmlText(match[1] ?? ''));
    for (const name of names) assert.ok(texts.includes(`deployment/${name}`), name);
    assert.ok(texts.includes('{peer}'));
    assert.equal(texts.filter((text) => text === 'TCP:80').length, names.length);
  });

  it('is an error naming the line when Graphviz cannot read the graph', async () => {
    await assert.rejects(renderDotSvg('digraph netpol {\n  "a" -> ;\n}\n'), /syntax error in line 2/);
  });
});
