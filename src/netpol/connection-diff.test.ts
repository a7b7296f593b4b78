import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffConnections } from './connection-diff.ts';
import type { Connection, ConnectionList } from './connections.ts';

function list(connections: readonly Connection[]): ConnectionList {
  return { workloads: [], external: [], connections };
}

const web = 'deployment/shop/web';
const api = 'deployment/shop/api';
const db = 'statefulset/shop/db';

describe('diffConnections', () => {
  it('sorts pairs into added, removed, changed (before → after) and unchanged', () => {
    const diff = diffConnections(
      list([
        { source: api, destination: db, ports: 'all' },
        { source: web, destination: api, ports: 'TCP:8080' },
        { source: web, destination: db, ports: 'TCP:5432' },
      ]),
      list([
        { source: api, destination: db, ports: 'TCP:5432' },
        { source: web, destination: api, ports: 'TCP:8080' },
        { source: 'deployment/shop/worker', destination: db, ports: 'TCP:5432' },
      ]),
    );
    assert.deepEqual(diff, {
      added: [{ source: 'deployment/shop/worker', destination: db, ports: 'TCP:5432' }],
      removed: [{ source: web, destination: db, ports: 'TCP:5432' }],
      changed: [{ source: api, destination: db, before: 'all', after: 'TCP:5432' }],
      unchanged: 1,
    });
  });

  it('two equal lists differ in nothing', () => {
    const same = list([{ source: web, destination: api, ports: 'TCP:80 UDP:53' }]);
    assert.deepEqual(diffConnections(same, same), { added: [], removed: [], changed: [], unchanged: 1 });
  });

  it('the direction of a pair counts: A → B and B → A are two pairs', () => {
    const diff = diffConnections(
      list([{ source: web, destination: api, ports: 'all' }]),
      list([{ source: api, destination: web, ports: 'all' }]),
    );
    assert.deepEqual(diff.added, [{ source: api, destination: web, ports: 'all' }]);
    assert.deepEqual(diff.removed, [{ source: web, destination: api, ports: 'all' }]);
  });
});
