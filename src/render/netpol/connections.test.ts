import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionList } from '../../netpol/connections.ts';
import { renderConnections } from './connections.ts';

describe('netpol matrix table', () => {
  it('prints 400 × 500 workload pairs (200,000 rows) without overflowing the stack', () => {
    const workloads = Array.from({ length: 500 }, (_, i) => `deployment/shop/web-${String(i)}`);
    const list: ConnectionList = {
      workloads,
      external: [],
      connections: workloads
        .slice(0, 400)
        .flatMap((source) => workloads.map((destination) => ({ source, destination, ports: 'TCP:80' }))),
    };
    const lines = renderConnections(list, 'table').trimEnd().split('\n');
    assert.equal(lines.length, 200_001);
    assert.equal(lines[1], 'deployment/shop/web-0     deployment/shop/web-0     TCP:80');
  });

  it('wraps PORTS to the width it is given, under its column', () => {
    const list: ConnectionList = {
      workloads: ['a', 'b'],
      external: [],
      connections: [
        { source: 'deployment/ns/a', destination: 'deployment/ns/b', ports: 'TCP:80,443,8080,8443 UDP:53' },
      ],
    };
    assert.deepEqual(renderConnections(list, 'table', 60).trimEnd().split('\n'), [
      'SOURCE            DESTINATION       PORTS',
      'deployment/ns/a   deployment/ns/b   TCP:80,443,8080,8443',
      '                                    UDP:53',
    ]);
  });
});
