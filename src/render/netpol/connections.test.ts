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

describe('netpol matrix -o md', () => {
  it('is a markdown table: a header, its delimiter row and one row of code cells per connection', () => {
    const list: ConnectionList = {
      workloads: ['deployment/shop/web', 'deployment/shop/db'],
      external: ['10.0.0.0/8'],
      connections: [
        { source: 'deployment/shop/web', destination: 'deployment/shop/db', ports: 'TCP:5432' },
        { source: '10.0.0.0/8', destination: 'deployment/shop/web', ports: 'all' },
      ],
    };
    assert.equal(
      renderConnections(list, 'md'),
      [
        '| source | destination | ports |',
        '|---|---|---|',
        '| `deployment/shop/web` | `deployment/shop/db` | `TCP:5432` |',
        '| `10.0.0.0/8` | `deployment/shop/web` | `all` |',
        '',
      ].join('\n'),
    );
  });

  it('escapes a pipe and replaces a backtick, so a cell stays one cell', () => {
    const list: ConnectionList = {
      workloads: [],
      external: [],
      connections: [{ source: 'a|b', destination: 'c`d', ports: 'TCP:80' }],
    };
    assert.equal(renderConnections(list, 'md').split('\n')[2], "| `a\\|b` | `c'd` | `TCP:80` |");
  });

  it('is the header and delimiter row alone for an empty matrix', () => {
    assert.equal(
      renderConnections({ workloads: [], external: [], connections: [] }, 'md'),
      '| source | destination | ports |\n|---|---|---|\n',
    );
  });
});
