// The test API server speaks the Kubernetes API: the real kubectl discovers and lists from it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { pluralOf, startApiServer } from './api-server.ts';
import type { RunningApiServer } from './api-server.ts';
import { clusterObjects } from './cluster-objects.ts';
import { needs } from './tools.ts';

function kubectl(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const names = (items: readonly Record<string, unknown>[]): string[] =>
  items
    .map((item) => {
      const metadata = item.metadata as { namespace?: string; name: string };
      return `${String(item.kind)}/${metadata.namespace ?? ''}/${metadata.name}`;
    })
    .sort();

describe('test API server', () => {
  it('names resources the way the API server does', () => {
    assert.deepEqual(
      ['Pod', 'NetworkPolicy', 'Ingress', 'Endpoints', 'PeerAuthentication', 'HTTPRoute'].map(pluralOf),
      ['pods', 'networkpolicies', 'ingresses', 'endpoints', 'peerauthentications', 'httproutes'],
    );
  });

  describe('with the real kubectl', needs('kubectl', 'openssl'), () => {
    let server: RunningApiServer;
    const objects = clusterObjects();
    before(async () => {
      server = await startApiServer({ objects, forbidden: ['secrets/kube-system'] });
    });
    after(async () => {
      await server.stop();
    });

    it('lists every pod across namespaces, page by page', async () => {
      const run = await kubectl([
        '--kubeconfig',
        server.kubeconfig,
        'get',
        'pods',
        '-A',
        '-o',
        'json',
        '--chunk-size',
        '1',
      ]);
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      const list = JSON.parse(run.stdout) as { items: Record<string, unknown>[] };
      assert.deepEqual(names(list.items), names(objects.filter((object) => object.kind === 'Pod')));
      assert.ok(server.requests.includes('/api/v1/pods?limit=1'), server.requests.join('\n'));
      assert.ok(server.requests.some((path) => path.startsWith('/api/v1/pods?continue=')));
    });

    it('serves custom resources through discovery, as kubectl resolves them by name', async () => {
      const run = await kubectl([
        '--kubeconfig',
        server.kubeconfig,
        'get',
        'peerauthentications',
        '-n',
        'shop',
        '-o',
        'json',
      ]);
      assert.equal(run.code, 0, run.stderr);
      const list = JSON.parse(run.stdout) as { items: Record<string, unknown>[] };
      assert.deepEqual(names(list.items), ['PeerAuthentication/shop/default']);
    });

    it('answers 403 with a Status that kubectl prints', async () => {
      const run = await kubectl(['--kubeconfig', server.kubeconfig, 'get', 'secrets', '-n', 'kube-system']);
      assert.equal(run.code, 1);
      assert.match(
        run.stderr,
        /secrets is forbidden: User "kubeward-test" cannot list resource "secrets" in API group "" in the namespace "kube-system"/,
      );
    });
  });
});
