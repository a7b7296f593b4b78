// The class-and-mask matrix must equal the direct pairwise evaluation (allowedPorts) on every cell.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { connectionList } from './connections.ts';
import type { NetpolModel } from './engine.ts';
import { allowedPorts, buildNetpolModel } from './engine.ts';
import { reachabilityMatrix } from './matrix.ts';
import { formatPorts } from './ports.ts';
import { renderConnections } from '../render/netpol/connections.ts';
import { renderMatrixDrawing } from '../render/netpol/matrix-drawing.ts';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomCluster(seed: number): NetpolModel {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const docs: unknown[] = [];
  const namespaces = ['ns-a', 'ns-b', 'ns-c'];
  for (const name of namespaces)
    docs.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { env: pick(['prod', 'dev']) } },
    });
  for (let i = 0; i < 14; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `p${i}`,
        namespace: pick(namespaces),
        labels: { role: pick(['web', 'api', 'db']), tier: pick(['1', '2']) },
      },
      spec: {
        hostNetwork: i === 13,
        containers: [
          {
            name: 'c',
            image: 'i',
            ports: [{ name: 'svc', containerPort: pick([80, 8080, 9000]), protocol: pick(['TCP', 'UDP']) }],
          },
        ],
      },
    });
  }
  const peer = (): unknown =>
    pick([
      { podSelector: { matchLabels: { role: pick(['web', 'api', 'db']) } } },
      { namespaceSelector: { matchLabels: { env: pick(['prod', 'dev']) } } },
      {
        namespaceSelector: {},
        podSelector: { matchExpressions: [{ key: 'tier', operator: pick(['In', 'NotIn']), values: ['1'] }] },
      },
      {
        ipBlock: {
          cidr: pick(['0.0.0.0/0', '10.0.0.0/8', '192.168.0.0/16', '::/0']),
          except: next() < 0.5 ? [] : ['10.1.0.0/16'],
        },
      },
    ]);
  const rule = (direction: 'from' | 'to'): unknown => {
    const value: Record<string, unknown> = {};
    if (next() < 0.8) value[direction] = [peer(), ...(next() < 0.3 ? [peer()] : [])];
    if (next() < 0.8)
      value.ports = [
        pick([
          { port: 80 },
          { port: 'svc' },
          { port: 'svc', protocol: 'UDP' },
          { protocol: 'UDP' },
          { port: 8000, endPort: 9000 },
        ]),
      ];
    return value;
  };
  for (let i = 0; i < 8; i++) {
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}`, namespace: pick(namespaces) },
      spec: {
        podSelector: next() < 0.3 ? {} : { matchLabels: { role: pick(['web', 'api', 'db']) } },
        policyTypes: types,
        ingress: Array.from({ length: Math.floor(next() * 3) }, () => rule('from')),
        egress: Array.from({ length: Math.floor(next() * 3) }, () => rule('to')),
      },
    });
  }
  const text = docs.map((doc) => JSON.stringify(doc)).join('\n---\n');
  return buildNetpolModel(
    buildInventory(loadSources([{ file: 'random.yaml', text, format: 'yaml', named: true }]).resources),
  );
}

function assertMatchesPairwise(model: NetpolModel): void {
  const matrix = reachabilityMatrix(model);
  const classes = model.pods.classes;
  const n = classes.length;
  const sets = matrix.portSets;
  for (const [s, source] of classes.entries()) {
    for (const [d, destination] of classes.entries()) {
      const expected = formatPorts(
        allowedPorts(model, { type: 'pods', podClass: source }, { type: 'pods', podClass: destination }),
      );
      const cell = sets[matrix.classToClass[s * n + d] ?? -1];
      assert.ok(cell);
      assert.equal(formatPorts(cell), expected, `${s} -> ${d}`);
    }
    for (const [a, range] of model.atoms.entries()) {
      const atom = { type: 'ip', range } as const;
      const into = sets[matrix.atomToClass[a * n + s] ?? -1];
      const out = sets[matrix.classToAtom[s * model.atoms.length + a] ?? -1];
      assert.ok(into && out);
      assert.equal(
        formatPorts(into),
        formatPorts(allowedPorts(model, atom, { type: 'pods', podClass: source })),
      );
      assert.equal(
        formatPorts(out),
        formatPorts(allowedPorts(model, { type: 'pods', podClass: source }, atom)),
      );
    }
  }
}

function modelOf(documents: readonly unknown[]): NetpolModel {
  const text = documents.map((doc) => JSON.stringify(doc)).join('\n---\n');
  return buildNetpolModel(
    buildInventory(loadSources([{ file: 'm.yaml', text, format: 'yaml', named: true }]).resources),
  );
}

describe('reachability matrix', () => {
  it('keeps an address one ipBlock admits even when another block of the rule excepts it', () => {
    const model = modelOf([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'a' },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p' },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                { ipBlock: { cidr: '10.1.0.0/16' } },
                { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } },
              ],
            },
          ],
        },
      },
    ]);
    assertMatchesPairwise(model);
    const list = connectionList(reachabilityMatrix(model));
    assert.deepEqual(
      list.connections.filter((c) => c.source === 'pod/default/a').map((c) => c.destination),
      ['0.0.0.0-9.255.255.255', '10.1.0.0/16', '11.0.0.0-255.255.255.255'],
    );
  });

  it('falls back to per-pair keys for a class under more rules than a mask holds', () => {
    const pods = Array.from({ length: 4 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, labels: { n: String(i) } },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ name: 'web', containerPort: 8000 + i }] }] },
    }));
    const policies = Array.from({ length: 30 }, (_, i) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}` },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: [{ podSelector: { matchLabels: { n: String(i % 4) } } }], ports: [{ port: 100 + i }] },
        ],
        egress: [
          {
            to: [
              i % 5 === 0
                ? { ipBlock: { cidr: `10.${i}.0.0/16` } }
                : { podSelector: { matchLabels: { n: String(i % 3) } } },
            ],
            ports: [{ port: i % 2 === 0 ? 'web' : 100 + i }],
          },
        ],
      },
    }));
    assertMatchesPairwise(modelOf([...pods, ...policies]));
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`equals pairwise evaluation on random cluster ${seed}`, () => {
      assertMatchesPairwise(randomCluster(seed));
    });
  }

  it('lists connections and renders every format', async () => {
    const model = randomCluster(3);
    const list = connectionList(reachabilityMatrix(model));
    assert.ok(list.connections.length > 0);
    assert.ok(list.external.length >= 2);
    const csv = renderConnections(list, 'csv');
    assert.equal(csv.split('\n')[0], 'source,destination,ports');
    assert.equal(csv.trim().split('\n').length, list.connections.length + 1);
    assert.match(
      (await renderMatrixDrawing(list, 'dot', { nodes: 1e6, edges: 1e6 })).text,
      /^digraph netpol \{/,
    );
    assert.equal(
      (JSON.parse(renderConnections(list, 'json')) as { connections: unknown[] }).connections.length,
      list.connections.length,
    );
    assert.match(renderConnections(list, 'md'), /^\| source \| destination \| ports \|/);
    assert.match(renderConnections(list, 'table'), /^SOURCE\s+DESTINATION\s+PORTS/);
  });
});
