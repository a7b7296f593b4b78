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

  it("rbac who-can and can-i read the namespace of the request only: -n, else the context's", async () => {
    const before = server.requests.length;
    const run = await runCliAsync(['rbac', 'who-can', 'get', 'secrets', '--kubeconfig', server.kubeconfig]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'No subjects found with permissions to get secrets assigned through RoleBindings\n\n' +
        'No subjects found with permissions to get secrets assigned through ClusterRoleBindings\n',
    );
    const requests = server.requests.slice(before);
    assert.ok(
      requests.includes('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings?limit=500'),
      requests.join('\n'),
    );
    assert.ok(!requests.includes('/apis/rbac.authorization.k8s.io/v1/rolebindings?limit=500'));
    assert.ok(requests.includes('/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=500'));
    assert.deepEqual(
      requests.filter((path) => path.includes('secrets')),
      [],
    );
    const shop = await runCliAsync([
      'rbac',
      'who-can',
      'get',
      'secrets',
      '-n',
      'shop',
      '--kubeconfig',
      server.kubeconfig,
    ]);
    assert.match(shop.stdout, /^shop-admin {3}shop {7}default {2}ServiceAccount {2}shop$/m);
  });

  it('rbac can-i -A asks for every namespace, as kubectl auth can-i -A: a RoleBinding does not grant it', async () => {
    const can = ['rbac', 'can-i', 'get', 'secrets', '--as', 'system:serviceaccount:shop:default'];
    for (const source of [
      ['--kubeconfig', server.kubeconfig],
      ['-f', CLUSTER_OBJECTS, '--no-bootstrap'],
    ]) {
      const inShop = await runCliAsync([...can, '-n', 'shop', ...source]);
      assert.deepEqual([inShop.status, inShop.stdout], [0, 'yes\n'], inShop.stderr);
      const everywhere = await runCliAsync([...can, '-A', ...source]);
      assert.deepEqual([everywhere.status, everywhere.stdout], [1, 'no\n'], everywhere.stderr);
    }
    const before = server.requests.length;
    await runCliAsync([...can, '-A', '--kubeconfig', server.kubeconfig]);
    assert.ok(
      server.requests.slice(before).includes('/apis/rbac.authorization.k8s.io/v1/rolebindings?limit=500'),
    );
  });

  it('rbac paths reads a live cluster in every namespace and reports the workloads of -n, else of the context', async () => {
    const before = server.requests.length;
    const shop = await runCliAsync(['rbac', 'paths', '-n', 'shop', '--kubeconfig', server.kubeconfig]);
    assert.equal(shop.status, 0, shop.stderr);
    assert.deepEqual(
      shop.stdout.split('\n').map((line) => line.split(/ +/).slice(0, 2).join(' ')),
      ['WORKLOAD NAMESPACE', 'Pod/debug shop', 'Deployment/web shop', ''],
    );
    assert.ok(
      server.requests.slice(before).includes('/apis/rbac.authorization.k8s.io/v1/rolebindings?limit=500'),
    );
    const file = await runCliAsync(['rbac', 'paths', '-n', 'shop', '-f', CLUSTER_OBJECTS, '--no-bootstrap']);
    const sorted = (stdout: string): string[] => stdout.split('\n').sort();
    assert.deepEqual(sorted(shop.stdout), sorted(file.stdout));
    const context = await runCliAsync(['rbac', 'paths', '--kubeconfig', server.kubeconfig]);
    assert.equal(context.stdout.trim(), 'WORKLOAD   NAMESPACE   SERVICEACCOUNT   TOKEN   REACHES');
    const all = await runCliAsync(['rbac', 'paths', '-A', '--kubeconfig', server.kubeconfig]);
    assert.match(all.stdout, /^Pod\/coredns-5d78c9869d-abcde +kube-system /m);
    assert.match(all.stdout, /^Deployment\/web +shop /m);
  });

  it('rbac refuses manifests and a live cluster at once', async () => {
    const run = await runCliAsync(['rbac', 'paths', '-f', CLUSTER_OBJECTS, '--context', 'test']);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'error: rbac reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context), not both\n',
    );
  });

  it("netpol matrix answers as for the same objects in a file, for -n, -A and the context's namespace", async () => {
    const live = ['netpol', 'matrix', '--context', 'test', '--kubeconfig', server.kubeconfig];
    for (const scope of [['-A'], ['-n', 'shop']]) {
      const before = server.requests.length;
      const fromLive = await runCliAsync([...live, ...scope]);
      const file = await runCliAsync(['netpol', 'matrix', '-f', CLUSTER_OBJECTS, ...scope]);
      assert.equal(fromLive.status, file.status, fromLive.stderr);
      assert.match(
        fromLive.stdout,
        /^deployment\/shop\/web +pod\/kube-system\/coredns-5d78c9869d-abcde +all$/m,
      );
      assert.equal(fromLive.stdout, file.stdout);
      assert.ok(server.requests.slice(before).includes('/api/v1/pods?limit=500'));
    }
    const context = await runCliAsync(live);
    assert.equal(context.status, 0, context.stderr);
    assert.equal(context.stdout.trim(), 'SOURCE   DESTINATION   PORTS');
    assert.equal(
      context.stderr,
      "note: no connection with an end in namespace default, the context's; -n NAME or -A for others\n",
    );
    const kubeSystem = await runCliAsync([...live, '-n', 'kube-system']);
    assert.doesNotMatch(kubeSystem.stdout, /pod\/shop\/debug +0\.0\.0\.0\/0/);
    assert.match(kubeSystem.stdout, /^pod\/kube-system\/coredns-5d78c9869d-abcde +pod\/shop\/debug +all$/m);
  });

  it('netpol generate -n writes the policies of that namespace only', async () => {
    const run = await runCliAsync(['netpol', 'generate', '-n', 'shop', '--kubeconfig', server.kubeconfig]);
    assert.equal(run.status, 0, run.stderr);
    const namespaces = [...run.stdout.matchAll(/^ {2}namespace: (\S+)$/gm)].map((match) => match[1]);
    assert.deepEqual(namespaces, ['shop', 'shop']);
    const all = await runCliAsync(['netpol', 'generate', '-A', '--kubeconfig', server.kubeconfig]);
    assert.deepEqual(
      [...new Set([...all.stdout.matchAll(/^ {2}namespace: (\S+)$/gm)].map((match) => match[1]))].sort(),
      ['kube-system', 'shop'],
    );
  });

  it('score -n reads and scores the workloads of that namespace only', async () => {
    const before = server.requests.length;
    const run = await runCliAsync(['score', '-n', 'shop', '--kubeconfig', server.kubeconfig]);
    assert.equal(run.status, 2, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { object: string }[]).map((result) => result.object).sort(), [
      'Deployment/web.shop',
      'Pod/debug.shop',
    ]);
    const requests = server.requests.slice(before);
    assert.ok(requests.includes('/api/v1/namespaces/shop/pods?limit=500'), requests.join('\n'));
    assert.ok(!requests.includes('/api/v1/pods?limit=500'));
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
