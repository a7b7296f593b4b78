import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load, loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { connectionList } from './connections.ts';
import { buildNetpolModel } from './engine.ts';
import { generatePolicies, verifyGenerated } from './generate.ts';
import { reachabilityMatrix } from './matrix.ts';
import { parseNetassert } from './netassert.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'netpol');
const OPTIONS = { ipBlockMatchesPods: false };

async function manifests(): Promise<Inventory> {
  return buildInventory((await load([join(EXAMPLES, 'manifests.yaml')], { recursive: false })).resources);
}

describe('netpol generate', () => {
  it('makes exactly the declared flows of the guide example pass, and nothing else between workloads', async () => {
    const inventory = await manifests();
    const flows = parseNetassert('netassert.yaml', readFileSync(join(EXAMPLES, 'netassert.yaml'), 'utf8'));
    const generated = generatePolicies(buildNetpolModel(inventory), inventory, flows);
    assert.deepEqual(generated.unresolved, []);
    const { inventory: applied, results } = verifyGenerated(inventory, generated.policies, flows, OPTIONS);
    assert.deepEqual(
      results.filter((result) => result.status !== 'pass').map((result) => result.assertion.name),
      [],
    );
    const connections = connectionList(reachabilityMatrix(buildNetpolModel(applied))).connections.map(
      (c) => `${c.source} -> ${c.destination} ${c.ports}`,
    );
    assert.deepEqual(connections, [
      'deployment/default/test-frontend -> deployment/default/test-microservice TCP:8000',
      'deployment/new-namespace/test-microservice -> deployment/default/test-frontend TCP:8080',
      'deployment/new-namespace/test-microservice -> deployment/new-namespace/test-database TCP:5432',
    ]);
  });

  it('writes default-deny and DNS egress for every namespace with workloads', async () => {
    const inventory = await manifests();
    const names = generatePolicies(buildNetpolModel(inventory), inventory, []).policies.map(
      (p) => `${p.metadata.namespace}/${p.metadata.name}`,
    );
    assert.deepEqual(names, [
      'default/default-deny',
      'default/allow-dns-egress',
      'new-namespace/default-deny',
      'new-namespace/allow-dns-egress',
    ]);
  });

  it('allows an external address with an ipBlock /32 on egress only', async () => {
    const inventory = await manifests();
    const flows = parseNetassert(
      'f.yaml',
      'k8s:\n  deployment:\n    myapp: {203.0.113.7: 443, test-database: -80}\n',
    );
    const generated = generatePolicies(buildNetpolModel(inventory), inventory, flows);
    const egress = generated.policies.find((policy) => policy.metadata.name === 'allow-myapp-egress');
    assert.deepEqual(egress?.spec.egress, [
      { to: [{ ipBlock: { cidr: '203.0.113.7/32' } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ]);
    assert.deepEqual(
      verifyGenerated(inventory, generated.policies, flows, OPTIONS).results.map((r) => r.status),
      ['pass', 'pass'],
    );
  });

  it('reports a flow it cannot resolve and excludes wider classes (a canary) with DoesNotExist', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: client, labels: {app: client}}\nspec: {containers: [{name: c, image: i}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: client-canary, labels: {app: client, track: canary}}\nspec: {containers: [{name: c, image: i}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: server, labels: {app: server}}\nspec: {containers: [{name: c, image: i}]}',
    ].join('\n---\n');
    const inventory = buildInventory(
      loadSources([{ file: 'c.yaml', text, format: 'yaml', named: true }]).resources,
    );
    const flows = parseNetassert(
      'f.yaml',
      '- {name: open, type: k8s, targetPort: 80, src: {k8sResource: {kind: pod, name: client, namespace: default}}, dst: {k8sResource: {kind: pod, name: server, namespace: default}}}\n' +
        '- {name: closed, type: k8s, targetPort: 80, exitCode: 1, src: {k8sResource: {kind: pod, name: client-canary, namespace: default}}, dst: {k8sResource: {kind: pod, name: server, namespace: default}}}\n' +
        '- {name: ghost, type: k8s, targetPort: 80, src: {k8sResource: {kind: pod, name: ghost, namespace: default}}, dst: {k8sResource: {kind: pod, name: server, namespace: default}}}\n',
    );
    const generated = generatePolicies(buildNetpolModel(inventory), inventory, flows);
    assert.deepEqual(generated.unresolved, ['ghost: no workload default/ghost in the manifests']);
    const results = verifyGenerated(inventory, generated.policies, flows, OPTIONS).results;
    assert.deepEqual(
      results.map((r) => `${r.status} ${r.assertion.name}`),
      ['pass open', 'pass closed', 'fail ghost'],
    );
  });
});
