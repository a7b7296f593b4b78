import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffConnections, hasNewAccess } from './connection-diff.ts';
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
      changed: [{ source: api, destination: db, before: 'all', after: 'TCP:5432', widened: 'none' }],
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

  it('ports that widen are new access, ports that narrow are not', () => {
    const http = list([{ source: web, destination: api, ports: 'TCP:80' }]);
    const https = list([{ source: web, destination: api, ports: 'TCP:80,443' }]);
    const wider = diffConnections(http, https);
    assert.deepEqual(wider.changed, [
      { source: web, destination: api, before: 'TCP:80', after: 'TCP:80,443', widened: 'TCP:443' },
    ]);
    assert.equal(hasNewAccess(wider), true);
    const narrower = diffConnections(https, http);
    assert.deepEqual(narrower.changed, [
      { source: web, destination: api, before: 'TCP:80,443', after: 'TCP:80', widened: 'none' },
    ]);
    assert.equal(hasNewAccess(narrower), false);
    const moved = diffConnections(http, list([{ source: web, destination: api, ports: 'UDP:80' }]));
    assert.equal(moved.changed[0]?.widened, 'UDP:80');
    assert.equal(hasNewAccess(diffConnections(http, list([]))), false);
    assert.equal(hasNewAccess(diffConnections(list([]), http)), true);
  });

  it('compares address ranges by the addresses they cover, not by their text', () => {
    const whole = list([{ source: '10.0.0.0/24', destination: web, ports: 'TCP:443' }]);
    const halves = list([
      { source: '10.0.0.0/25', destination: web, ports: 'TCP:443' },
      { source: '10.0.0.128/25', destination: web, ports: 'TCP:443' },
    ]);
    assert.deepEqual(diffConnections(whole, halves), { added: [], removed: [], changed: [], unchanged: 1 });
    const span = list([{ source: web, destination: '10.0.0.0-10.0.1.127', ports: 'all' }]);
    const pieces = list([
      { source: web, destination: '10.0.0.0/24', ports: 'all' },
      { source: web, destination: '10.0.1.0/25', ports: 'all' },
    ]);
    assert.deepEqual(diffConnections(span, pieces), { added: [], removed: [], changed: [], unchanged: 1 });
  });

  it('reports the part of a range that changed, merged, and a range in one direction only once', () => {
    const before = list([
      { source: '10.0.0.0/24', destination: web, ports: 'TCP:443' },
      { source: web, destination: '10.0.0.0/24', ports: 'all' },
    ]);
    const after = list([
      { source: '10.0.0.0/25', destination: web, ports: 'TCP:443' },
      { source: '10.0.0.128/26', destination: web, ports: 'TCP:443,8443' },
      { source: '10.0.1.0/24', destination: web, ports: 'TCP:443' },
      { source: web, destination: '10.0.0.0/24', ports: 'all' },
    ]);
    assert.deepEqual(diffConnections(before, after), {
      added: [{ source: '10.0.1.0/24', destination: web, ports: 'TCP:443' }],
      removed: [{ source: '10.0.0.192/26', destination: web, ports: 'TCP:443' }],
      changed: [
        {
          source: '10.0.0.128/26',
          destination: web,
          before: 'TCP:443',
          after: 'TCP:443,8443',
          widened: 'TCP:8443',
        },
      ],
      unchanged: 2,
    });
  });
});
