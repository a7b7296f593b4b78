// `kubeward snapshot -o DIR` against the test API server: one YAML file per object, and a scan of
// the snapshot finds what the live scan finds.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiServer } from '../testing/api-server.ts';
import type { RunningApiServer } from '../testing/api-server.ts';
import { runCliAsync } from '../testing/cli.ts';
import { needs } from '../testing/tools.ts';
import { clusterObjects } from '../testing/cluster-objects.ts';

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(root, path)).isFile())
    .map((path) => relative(root, join(root, path)))
    .sort();
}

/** The findings of a `-o json` scan, without their locations (files here, cluster:// there). */
function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    findings: {
      check: string;
      object: { kind: string; namespace: string; name: string };
      field: string;
      message: string;
    }[];
  };
  return report.findings
    .map(
      ({ check, object, field, message }) =>
        `${check} ${object.kind}/${object.namespace}/${object.name} ${field}: ${message}`,
    )
    .sort();
}

describe('kubeward snapshot', needs('openssl'), () => {
  let server: RunningApiServer;
  let root: string;
  before(async () => {
    server = await startApiServer({ objects: clusterObjects() });
    root = mkdtempSync(join(tmpdir(), 'kubeward-snapshot-'));
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes one file per object, and a scan of it finds what the live scan finds', async () => {
    const dir = join(root, 'all');
    const run = await runCliAsync(['snapshot', '--kubeconfig', server.kubeconfig, '-A', '-o', dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, `wrote 13 objects of 9 kinds from cluster://test to ${dir}\n`);
    assert.deepEqual(files(dir), [
      '_cluster/ClusterRole.rbac.authorization.k8s.io/shop-admin.yaml',
      '_cluster/Namespace/kube-system.yaml',
      '_cluster/Namespace/shop.yaml',
      'kube-system/Pod/coredns-5d78c9869d-abcde.yaml',
      'kube-system/Secret/bootstrap-token-abcdef.yaml',
      'shop/Deployment.apps/web.yaml',
      'shop/HTTPRoute.gateway.networking.k8s.io/web.yaml',
      'shop/NetworkPolicy.networking.k8s.io/allow-all.yaml',
      'shop/PeerAuthentication.security.istio.io/default.yaml',
      'shop/Pod/debug.yaml',
      'shop/RoleBinding.rbac.authorization.k8s.io/shop-admin.yaml',
      'shop/Secret/api-token.yaml',
      'shop/Secret/db-password.yaml',
    ]);
    const deployment = readFileSync(join(dir, 'shop/Deployment.apps/web.yaml'), 'utf8');
    assert.match(
      deployment,
      /^# cluster:\/\/test\/Deployment\/shop\/web\napiVersion: apps\/v1\nkind: Deployment\n/,
    );
    assert.doesNotMatch(deployment, /managedFields/);
    const secret = readFileSync(join(dir, 'shop/Secret/db-password.yaml'), 'utf8');
    assert.doesNotMatch(secret, /\ndata:|aHVudGVyMg/);
    assert.equal(statSync(join(dir, 'shop/Secret/db-password.yaml')).mode & 0o777, 0o600);

    const live = await runCliAsync([
      'scan',
      '--kubeconfig',
      server.kubeconfig,
      '-A',
      '-o',
      'json',
      '--fail-on',
      'none',
    ]);
    const scanned = await runCliAsync(['scan', dir, '-o', 'json', '--fail-on', 'none']);
    assert.equal(scanned.stderr, '');
    assert.ok(findings(live.stdout).length > 20);
    assert.deepEqual(findings(scanned.stdout), findings(live.stdout));
  });

  it('writes Secret values and managedFields only when asked', async () => {
    const dir = join(root, 'asked');
    const run = await runCliAsync([
      'snapshot',
      '--kubeconfig',
      server.kubeconfig,
      '-n',
      'shop',
      '-o',
      dir,
      '--secret-data',
      '--managed-fields',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      readFileSync(join(dir, 'shop/Secret/db-password.yaml'), 'utf8'),
      /\ndata:\n {2}password: aHVudGVyMg==\n/,
    );
    assert.match(readFileSync(join(dir, 'shop/Deployment.apps/web.yaml'), 'utf8'), /managedFields:/);
    assert.ok(files(dir).every((path) => !path.startsWith('kube-system/')));
  });

  it('refuses a directory that holds files', async () => {
    const dir = join(root, 'filled');
    await runCliAsync(['snapshot', '--kubeconfig', server.kubeconfig, '-o', dir]);
    writeFileSync(join(dir, 'old.yaml'), 'kind: Pod\n');
    const run = await runCliAsync(['snapshot', '--kubeconfig', server.kubeconfig, '-o', dir]);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      `error: ${dir} is not empty: give a new or empty directory, so the snapshot holds only this cluster\n`,
    );
  });
});
