// Focus filters compute only the focused end's row and column; their answers must be the full
// matrix's, filtered. Fixtures: testdata/netpol/exposure (NetworkPolicies, an ANP and the BANP).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Connection } from './connections.ts';
import { connectionList } from './connections.ts';
import type { NetpolModel } from './engine.ts';
import { buildNetpolModel } from './engine.ts';
import { explainFocus } from './explain-focus.ts';
import type { FocusTarget } from './focus.ts';
import { focusedConnections } from './focus.ts';
import { parseCidr } from './ip.ts';
import { reachabilityMatrix } from './matrix.ts';
import { portRange } from './ports.ts';
import { workloadName } from './query.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'exposure');

function model(): NetpolModel {
  const { resources, diagnostics } = loadSources(
    ['cluster.yaml', 'admin.yaml'].map((file) => ({
      file,
      text: readFileSync(join(FIXTURES, file), 'utf8'),
      format: 'yaml' as const,
      named: true,
    })),
  );
  assert.deepEqual(diagnostics, []);
  return buildNetpolModel(buildInventory(resources));
}

function workload(netpol: NetpolModel, name: string): FocusTarget {
  const podClass = netpol.pods.classes.find((c) => c.workloads.some((w) => workloadName(w) === name));
  assert.ok(podClass, name);
  return { type: 'workloads', podClass, names: [name] };
}

const line = (c: Connection): string => `${c.source} -> ${c.destination} ${c.ports}`;

describe('netpol focus filters', () => {
  const netpol = model();
  const full = connectionList(reachabilityMatrix(netpol));
  const names = full.workloads;

  it('--focus-workload gives the full matrix rows with the workload at one end, both ways or one', () => {
    for (const name of names) {
      const focus = workload(netpol, name);
      const expected = full.connections.filter((c) => c.source === name || c.destination === name).map(line);
      assert.deepEqual(focusedConnections(netpol, { workload: focus }).connections.map(line), expected, name);
      const into = full.connections.filter((c) => c.destination === name).map(line);
      assert.deepEqual(
        focusedConnections(netpol, { workload: focus, direction: 'ingress' }).connections.map(line),
        into,
        name,
      );
    }
  });

  it('--port keeps the pairs allowed on it, narrowed to it, the same with and without a focus', () => {
    const https = portRange('TCP', 443, 443);
    const narrowed = connectionList(reachabilityMatrix(netpol), undefined, https);
    assert.ok(narrowed.connections.every((c) => c.ports === 'TCP:443'));
    assert.ok(narrowed.connections.length > 0 && narrowed.connections.length < full.connections.length);
    for (const name of names) {
      const focused = focusedConnections(
        netpol,
        { workload: workload(netpol, name) },
        { protocol: 'TCP', port: 443 },
      );
      assert.deepEqual(
        focused.connections.map(line),
        narrowed.connections.filter((c) => c.source === name || c.destination === name).map(line),
      );
    }
  });

  it('--focus-peer names the other end: a workload, or a CIDR cut at the ranges that answer alike', () => {
    const edge = workload(netpol, 'deployment/shop/edge');
    const web = workload(netpol, 'deployment/shop/web');
    assert.deepEqual(focusedConnections(netpol, { workload: edge, peer: web }).connections.map(line), [
      'deployment/shop/edge -> deployment/shop/web TCP:8080-8081',
      'deployment/shop/web -> deployment/shop/edge TCP:8081',
    ]);
    const ten = parseCidr('10.0.0.0/8');
    assert.ok(ten);
    assert.deepEqual(
      focusedConnections(netpol, {
        workload: edge,
        peer: { type: 'addresses', range: ten },
        direction: 'ingress',
      }).connections.map(line),
      [
        '10.0.0.0/16 -> deployment/shop/edge TCP:443,8443',
        '10.1.0.0/16 -> deployment/shop/edge TCP:443',
        '10.2.0.0-10.255.255.255 -> deployment/shop/edge TCP:443,8443',
      ],
    );
    // A range alone: each workload against it; ingress flows into the range.
    const alone = focusedConnections(
      netpol,
      { peer: { type: 'addresses', range: ten }, direction: 'egress' },
      {
        protocol: 'TCP',
        port: 8443,
      },
    );
    assert.deepEqual(alone.connections.map(line), [
      '10.0.0.0/16 -> deployment/shop/edge TCP:8443',
      '10.0.0.0/8 -> deployment/shop/legacy TCP:8443',
      '10.2.0.0-10.255.255.255 -> deployment/shop/edge TCP:8443',
    ]);
  });

  it('explain with a focus gives one row per pair, adjacent ranges with the same rules merged', () => {
    const edge = workload(netpol, 'deployment/shop/edge');
    const rows = explainFocus(netpol, { workload: edge, direction: 'ingress' });
    const external = rows.filter((row) => !row.source.includes('/shop/'));
    assert.deepEqual(
      external.map((row) => `${row.source} ${row.explanation.allowed ? row.explanation.ports : 'denied'}`),
      [
        '0.0.0.0-9.255.255.255 TCP:443',
        '10.0.0.0/16 TCP:443,8443',
        '10.1.0.0/16 TCP:443',
        '10.2.0.0-10.255.255.255 TCP:443,8443',
        '11.0.0.0-255.255.255.255 TCP:443',
        '::/0 denied',
      ],
    );
    assert.equal(external[1]?.explanation.ingress.endpoint, 'deployment/shop/edge');
    assert.equal(external[1]?.explanation.egress.endpoint, '10.0.0.0/16');
    assert.deepEqual(
      external[1]?.explanation.ingress.rules.map((rule) => rule.rule),
      ['spec.ingress[0]', 'spec.ingress[1]'],
    );
    const fromWeb = rows.find((row) => row.source === 'deployment/shop/web');
    assert.equal(fromWeb?.explanation.allowed, true);
    assert.equal(fromWeb?.explanation.ports, 'TCP:8081');
    assert.equal(fromWeb?.explanation.ingress.adminRules[0]?.rule, 'everyone-on-8081');
  });
});
