// The cluster reader against the test API server (src/testing/api-server.ts), in process.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer } from '../testing/api-server.ts';
import type { RunningApiServer } from '../testing/api-server.ts';
import { clusterObjects } from '../testing/cluster-objects.ts';
import { needs } from '../testing/tools.ts';
import { readCluster } from './read.ts';
import type { ReadProgress } from './read.ts';
import { scannedResources } from './kinds.ts';

describe('readCluster', needs('openssl'), () => {
  let server: RunningApiServer;
  before(async () => {
    server = await startApiServer({
      objects: clusterObjects(),
      extraKinds: [
        { apiVersion: 'v1', kind: 'Event', namespaced: true },
        { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespaced: true },
        { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', namespaced: false },
        { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', namespaced: true },
      ],
    });
  });
  after(async () => {
    await server.stop();
  });

  it('lists the kinds discovery names, custom resources included, but not the noise', async () => {
    const read = await readCluster({ kubeconfig: server.kubeconfig, allNamespaces: true });
    assert.deepEqual(read.listed.map((resource) => `${resource.apiVersion} ${resource.plural}`).sort(), [
      'apps/v1 deployments',
      'gateway.networking.k8s.io/v1 httproutes',
      'networking.k8s.io/v1 networkpolicies',
      'policy.linkerd.io/v1beta3 servers',
      'policy.networking.k8s.io/v1alpha1 adminnetworkpolicies',
      'rbac.authorization.k8s.io/v1 clusterroles',
      'rbac.authorization.k8s.io/v1 rolebindings',
      'security.istio.io/v1 peerauthentications',
      'v1 namespaces',
      'v1 pods',
      'v1 secrets',
    ]);
    assert.equal(read.resources.length, 13);
    assert.equal(read.requests, server.requests.length);
  });

  it('reports progress: every kind listed and every object read, in the end', async () => {
    const seen: ReadProgress[] = [];
    await readCluster({
      kubeconfig: server.kubeconfig,
      allNamespaces: true,
      onProgress: (p) => seen.push(p),
    });
    assert.deepEqual(seen.at(-1), { kinds: 11, kindsListed: 11, objects: 13 });
    assert.ok(seen.length > 11);
  });

  it('reads Secrets as metadata with their type, and values only when asked', async () => {
    const secret = async (secrets: 'metadata' | 'data'): Promise<unknown> => {
      const read = await readCluster({ kubeconfig: server.kubeconfig, allNamespaces: true, secrets });
      return read.resources.find((resource) => resource.kind === 'Secret' && resource.name === 'api-token')
        ?.object;
    };
    const metadata = (await secret('metadata')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(metadata), ['apiVersion', 'kind', 'metadata', 'type']);
    assert.equal(metadata.type, 'kubernetes.io/service-account-token');
    assert.ok('data' in ((await secret('data')) as Record<string, unknown>));
  });

  it('drops managedFields unless asked, and locates objects at cluster://', async () => {
    const read = await readCluster({ kubeconfig: server.kubeconfig, allNamespaces: true });
    const web = read.resources.find((resource) => resource.kind === 'Deployment');
    assert.equal(web?.origin.file, 'cluster://test/Deployment/shop/web');
    assert.ok(!('managedFields' in (web?.object.metadata as object)));
    const kept = await readCluster({
      kubeconfig: server.kubeconfig,
      allNamespaces: true,
      managedFields: true,
    });
    assert.ok(
      'managedFields' in (kept.resources.find((r) => r.kind === 'Deployment')?.object.metadata as object),
    );
  });
});

describe('scannedResources', () => {
  it('keeps one resource per kind and group', () => {
    const pods = {
      group: '',
      version: 'v1',
      apiVersion: 'v1',
      kind: 'Pod',
      plural: 'pods',
      namespaced: true,
    };
    assert.deepEqual(scannedResources([pods, { ...pods }]), [pods]);
  });
});

describe('@kubernetes/client-node', () => {
  it('is loaded lazily, by src/cluster/connection.ts only: commands that read no cluster never load it', () => {
    const root = join(import.meta.dirname, '..');
    const importers = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
      .flatMap((path) => {
        const text = readFileSync(join(root, path), 'utf8');
        const statics = [...text.matchAll(/^import (?!type )[^;]*from '@kubernetes\/client-node'/gm)];
        const dynamics = [...text.matchAll(/import\('@kubernetes\/client-node'\)/g)];
        return [...statics.map(() => `${path} static`), ...dynamics.map(() => `${path} dynamic`)];
      });
    assert.deepEqual(importers, ['cluster/connection.ts dynamic']);
  });
});
