import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../model/errors.ts';
import type { Connection, ConnectionList } from '../../netpol/connections.ts';
import { DRAWING_LIMITS, drawConnections } from './drawing.ts';
import { renderDot } from './dot.ts';
import { renderMatrixDrawing } from './matrix-drawing.ts';

/** `workloads` Deployments spread over `namespaces`, each reaching the next one of its namespace. */
function cluster(workloads: number, namespaces: number): ConnectionList {
  const names = Array.from(
    { length: workloads },
    (_, w) => `deployment/ns-${String(w % namespaces)}/app-${String(w)}`,
  );
  const connections: Connection[] = [];
  for (let w = 0; w + namespaces < workloads; w++)
    connections.push({
      source: names[w] ?? '',
      destination: names[w + namespaces] ?? '',
      ports: Math.floor(w / namespaces) % 2 === 0 ? 'TCP:8080' : 'TCP:9090',
    });
  connections.push({ source: '0.0.0.0/0', destination: names[0] ?? '', ports: 'TCP:443' });
  return { workloads: names, external: ['0.0.0.0/0'], connections };
}

describe('what a matrix drawing holds', () => {
  it('draws workload by workload up to the limits', () => {
    const drawing = drawConnections(cluster(60, 6));
    assert.equal(drawing.level, 'workloads');
    assert.equal(drawing.nodes.length, 61);
    assert.equal(drawing.edges.length, 55);
    assert.deepEqual(drawing.clusters, ['ns-0', 'ns-1', 'ns-2', 'ns-3', 'ns-4', 'ns-5']);
  });

  it('draws by namespace one node more than the limit, and exactly at it by workload', () => {
    const list = cluster(20, 2);
    assert.equal(drawConnections(list, { nodes: 21, edges: 100 }).level, 'workloads');
    assert.equal(drawConnections(list, { nodes: 20, edges: 100 }).level, 'namespaces');
    assert.equal(drawConnections(list, { nodes: 100, edges: 19 }).level, 'workloads');
    assert.equal(drawConnections(list, { nodes: 100, edges: 18 }).level, 'namespaces');
  });

  it('draws 5,000 workloads in 50 namespaces by namespace, edges counting their connections', () => {
    const drawing = drawConnections(cluster(5_000, 50));
    assert.equal(drawing.level, 'namespaces');
    assert.equal(drawing.nodes.length, 51);
    assert.deepEqual(drawing.nodes[0], {
      id: 'namespace ns-0',
      label: 'namespace ns-0 (100 workloads)',
      kind: 'namespace',
    });
    assert.deepEqual(
      drawing.edges.filter((edge) => edge.source === '0.0.0.0/0' || edge.destination === 'namespace ns-1'),
      [
        { source: '0.0.0.0/0', destination: 'namespace ns-0', label: '1 connection: TCP:443' },
        {
          source: 'namespace ns-1',
          destination: 'namespace ns-1',
          label: '99 connections: TCP:8080; TCP:9090',
        },
      ],
    );
    const dot = renderDot(drawing);
    assert.match(dot, /^ {2}label="allowed connections by namespace: 5000 workloads, 4951 connections";$/m);
    assert.match(dot, /^ {2}"namespace ns-7" \[label="namespace ns-7 \(100 workloads\)", shape=folder\];$/m);
    assert.doesNotMatch(dot, /subgraph/);
  });

  it('refuses 5,000 workloads in 200 namespaces, naming the flags that narrow the matrix', () => {
    assert.throws(
      () => drawConnections(cluster(5_000, 200)),
      (error: unknown) =>
        error instanceof UsageError &&
        error.message ===
          'too large to draw: 5000 workloads and 4801 connections make 201 nodes and 201 edges even drawn by namespace (at most 150 nodes and 500 edges); narrow the matrix with -n NAMESPACE, or use -o table, csv, md or json',
    );
  });

  it('notes on stderr that a drawing is by namespace, and not when it is by workload', async () => {
    const large = await renderMatrixDrawing(cluster(5_000, 50), 'dot');
    assert.deepEqual(large.notes, [
      `5000 workloads and 4951 connections are more than one drawing shows (${String(DRAWING_LIMITS.nodes)} nodes, ${String(DRAWING_LIMITS.edges)} edges): drawn by namespace; -n NAMESPACE draws the workloads of one`,
    ]);
    const small = await renderMatrixDrawing(cluster(60, 6), 'dot');
    assert.deepEqual(small.notes, []);
  });
});
