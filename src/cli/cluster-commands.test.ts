// rbac, netpol, score and audit probe read a live cluster as scan does (src/cli/scan-cluster.test.ts):
// against the test API server, each gives what it gives for the same objects read from a file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiServer } from '../testing/api-server.ts';
import type { RunningApiServer } from '../testing/api-server.ts';
import { runCliAsync } from '../testing/cli.ts';
import { needs } from '../testing/tools.ts';
import { CLUSTER_OBJECTS, clusterObjects } from '../testing/cluster-objects.ts';

describe('commands reading a live cluster', needs('openssl'), () => {
  let server: RunningApiServer;
  before(async () => {
    server = await startApiServer({ objects: clusterObjects() });
  });
  after(async () => {
    await server.stop();
  });

  it('rbac who-can answers as for the same objects in a file, from the roles the cluster holds', async () => {
    const args = ['rbac', 'who-can', 'get', 'secrets', '-n', 'shop', '-o', 'json'];
    const live = await runCliAsync([...args, '--kubeconfig', server.kubeconfig]);
    const file = await runCliAsync([...args, '-f', CLUSTER_OBJECTS, '--no-bootstrap']);
    assert.equal(live.status, 0, live.stderr);
    assert.match(live.stdout, /"name": "shop-admin"/);
    assert.doesNotMatch(live.stdout, /system:kube-controller-manager/);
    assert.equal(live.stdout, file.stdout);
  });

  it('rbac reads no Secret: the RBAC model needs none', async () => {
    const before = server.requests.length;
    await runCliAsync(['rbac', 'who-can', 'get', 'pods', '--kubeconfig', server.kubeconfig]);
    const requests = server.requests.slice(before);
    assert.ok(requests.includes('/apis/rbac.authorization.k8s.io/v1/rolebindings?limit=500'));
    assert.deepEqual(
      requests.filter((path) => path.includes('secrets')),
      [],
    );
  });

  it('netpol matrix answers as for the same objects in a file', async () => {
    const live = await runCliAsync([
      'netpol',
      'matrix',
      '--context',
      'test',
      '--kubeconfig',
      server.kubeconfig,
    ]);
    const file = await runCliAsync(['netpol', 'matrix', '-f', CLUSTER_OBJECTS]);
    assert.equal(live.status, file.status, live.stderr);
    assert.match(live.stdout, /deployment\/shop\/web/);
    assert.equal(live.stdout, file.stdout);
  });

  it('score scores the workloads, named by their cluster:// address', async () => {
    const live = await runCliAsync(['score', '--kubeconfig', server.kubeconfig, '-A']);
    const file = await runCliAsync(['score', CLUSTER_OBJECTS]);
    type Scored = { object: string; score: number; fileName: string };
    const scores = (stdout: string): string[] =>
      (JSON.parse(stdout) as Scored[])
        .filter((result) => /^(Pod|Deployment)\//.test(result.object))
        .map((result) => `${result.object} ${String(result.score)}`)
        .sort();
    assert.equal(live.status, 2);
    assert.deepEqual(scores(live.stdout), scores(file.stdout));
    assert.equal((JSON.parse(live.stdout) as Scored[]).length, 3);
    assert.deepEqual(scores(live.stdout), [
      'Deployment/web.shop -30',
      'Pod/coredns-5d78c9869d-abcde.kube-system 3',
      'Pod/debug.shop -6',
    ]);
    assert.ok(
      (JSON.parse(live.stdout) as Scored[]).some(
        (result) => result.fileName === 'cluster://test/Deployment/shop/web',
      ),
    );
  });

  it("audit probe probes the API server of the kubeconfig's context, without its credentials", async () => {
    const run = await runCliAsync(['audit', 'probe', '--kubeconfig', server.kubeconfig, '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const { probes } = JSON.parse(run.stdout) as {
      probes: { probe: string; target: string; verdict: string }[];
    };
    assert.deepEqual(
      probes.map(({ probe, target, verdict }) => [probe, target, verdict]),
      [['apiserver-anonymous', `${server.url}/`, 'pass']],
    );
  });
});
