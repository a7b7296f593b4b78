// `kubeward scan` of a live cluster, end to end: the CLI reads the test API server (which the real
// kubectl lists from, src/testing/api-server.test.ts) through a kubeconfig, as it would a cluster.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dump } from '../load/js-yaml.ts';
import { startApiServer } from '../testing/api-server.ts';
import type { ApiServerOptions, RunningApiServer } from '../testing/api-server.ts';
import { pageFindings } from '../testing/html-report.ts';
import { runCliAsync } from '../testing/cli.ts';
import { needs } from '../testing/tools.ts';
import { CLUSTER_OBJECTS, clusterObjects } from '../testing/cluster-objects.ts';

interface JsonFinding {
  readonly check: string;
  readonly object: { kind: string; namespace: string; name: string };
  readonly field: string;
  readonly message: string;
  readonly location: { file: string; line: number; field?: string } | null;
}

/** The findings of a `-o json` report, as `check kind/ns/name field: message`, sorted. */
function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: JsonFinding[] };
  return report.findings
    .map(
      ({ check, object, field, message }) =>
        `${check} ${object.kind}/${object.namespace}/${object.name} ${field}: ${message}`,
    )
    .sort();
}

/** The objects a `-o json` report has findings on, as `kind/namespace/name`, sorted. */
function objects(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: JsonFinding[] };
  const named = report.findings.map(({ object }) => `${object.kind}/${object.namespace}/${object.name}`);
  return [...new Set(named)].sort();
}

/**
 * A ClusterRoleBinding granting the recorded cluster's wildcard ClusterRole to a group: a finding
 * on a cluster-scoped object (rbac-wildcard-grant).
 */
const OPS_ADMINS = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'ops-admins', uid: '0b6d1c2e-0000-4000-8000-000000000090', resourceVersion: '300' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'shop-admin' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' }],
};

/** Starts a server for the block and stops it after. */
function serving(options: Partial<ApiServerOptions> = {}): () => RunningApiServer {
  let server: RunningApiServer | undefined;
  before(async () => {
    server = await startApiServer({ objects: clusterObjects(), ...options });
  });
  after(async () => {
    await server?.stop();
  });
  return () => {
    assert.ok(server);
    return server;
  };
}

const JSON_REPORT = ['-o', 'json', '--fail-on', 'none'];

describe('scan of a live cluster', needs('openssl'), () => {
  describe('against the recorded cluster', () => {
    const server = serving();
    let fromFile: string[] = [];
    before(async () => {
      const run = await runCliAsync(['scan', CLUSTER_OBJECTS, ...JSON_REPORT]);
      fromFile = findings(run.stdout);
    });

    it('finds what a scan of the same objects from a file finds, but for the Secret values it never reads', async () => {
      const run = await runCliAsync(['scan', '--kubeconfig', server().kubeconfig, '-A', ...JSON_REPORT]);
      assert.equal(run.stderr, '');
      assert.equal(run.status, 0);
      const live = findings(run.stdout);
      assert.ok(live.length > 20);
      assert.deepEqual(
        fromFile.filter((finding) => !live.includes(finding)),
        [
          'secret-manifest-plaintext Secret/kube-system/bootstrap-token-abcdef data: Secret "bootstrap-token-abcdef" carries 1 value in data (token-id) unencrypted',
          'secret-manifest-plaintext Secret/shop/api-token data: Secret "api-token" carries 1 value in data (token) unencrypted',
          'secret-manifest-plaintext Secret/shop/db-password data: Secret "db-password" carries 1 value in data (password) unencrypted',
        ],
      );
      assert.deepEqual(
        live.filter((finding) => !fromFile.includes(finding)),
        [],
      );
    });

    it('locates findings at cluster://CONTEXT/KIND/NS/NAME and the field path', async () => {
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        ...JSON_REPORT,
        '--check',
        'pss-privileged',
      ]);
      const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
      assert.deepEqual(
        report.findings.map((finding) => finding.location),
        [
          {
            file: 'cluster://test/Deployment/shop/web',
            document: 0,
            line: 0,
            column: 0,
            endLine: 0,
            endColumn: 0,
            field: 'spec.template.spec.containers[0].securityContext.privileged',
          },
        ],
      );
      const table = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        '--check',
        'pss-privileged',
      ]);
      assert.equal(table.status, 1);
      assert.match(table.stdout, /^Deployment\/shop\/web {2}cluster:\/\/test\/Deployment\/shop\/web$/m);
      assert.match(
        table.stdout,
        /CRITICAL +pss-privileged +spec\.template\.spec\.containers\[0\]\.securityContext\.privileged +privileged/,
      );
    });

    it('carries the location into SARIF, JUnit and HTML', async () => {
      const args = [
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        '--check',
        'pss-privileged',
        '--fail-on',
        'none',
      ];
      const sarif = JSON.parse((await runCliAsync([...args, '-o', 'sarif'])).stdout) as {
        runs: { results: { locations: unknown[] }[] }[];
      };
      assert.deepEqual(sarif.runs[0]?.results[0]?.locations, [
        {
          physicalLocation: { artifactLocation: { uri: 'cluster://test/Deployment/shop/web', index: 0 } },
          logicalLocations: [{ fullyQualifiedName: 'Deployment/shop/web', kind: 'object' }],
          message: { text: 'spec.template.spec.containers[0].securityContext.privileged' },
        },
      ]);
      const junit = (await runCliAsync([...args, '-o', 'junit'])).stdout;
      assert.match(junit, /file="cluster:\/\/test\/Deployment\/shop\/web"/);
      assert.match(
        junit,
        /cluster:\/\/test\/Deployment\/shop\/web spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: privileged/,
      );
      const html = pageFindings((await runCliAsync([...args, '-o', 'html'])).stdout);
      assert.equal(html.objects[html.rows[0]?.[2] ?? -1]?.[3], 'cluster://test/Deployment/shop/web');
      assert.equal(
        html.fields[html.rows[0]?.[7] ?? -1],
        'spec.template.spec.containers[0].securityContext.privileged',
      );
    });

    it('reads page by page with --chunk-size, and finds the same', async () => {
      const before = server().requests.length;
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        '--chunk-size',
        '1',
        ...JSON_REPORT,
      ]);
      const requests = server().requests.slice(before);
      assert.deepEqual(
        findings(run.stdout),
        findings(
          (await runCliAsync(['scan', '--kubeconfig', server().kubeconfig, '-A', ...JSON_REPORT])).stdout,
        ),
      );
      const pods = requests.filter((path) => path.startsWith('/api/v1/pods?'));
      assert.deepEqual(pods.length, 2);
      assert.equal(pods[0], '/api/v1/pods?limit=1');
      assert.match(pods[1] ?? '', /^\/api\/v1\/pods\?limit=1&continue=/);
    });

    it('reads only the namespace of -n, or of the context, beside cluster-scoped objects', async () => {
      const before = server().requests.length;
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '--context',
        'other',
        ...JSON_REPORT,
      ]);
      assert.equal(run.status, 0, run.stderr);
      const requests = server().requests.slice(before);
      assert.ok(requests.includes('/api/v1/namespaces/kube-system/pods?limit=500'), requests.join('\n'));
      assert.ok(!requests.includes('/api/v1/pods?limit=500'));
      assert.ok(requests.includes('/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=500'));
      assert.deepEqual(objects(run.stdout), [
        'Namespace//kube-system',
        'Pod/kube-system/coredns-5d78c9869d-abcde',
      ]);
    });

    it('lists no Secret with --no-secrets, and never asks for Secret values without it', async () => {
      const before = server().requests.length;
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        '--no-secrets',
        ...JSON_REPORT,
      ]);
      assert.equal(run.status, 0);
      assert.deepEqual(
        server()
          .requests.slice(before)
          .filter((path) => path.includes('secrets')),
        [],
      );
      assert.ok(findings(run.stdout).every((finding) => !finding.includes(' Secret/')));
    });

    it('refuses an unknown context, naming those there are', async () => {
      const run = await runCliAsync(['scan', '--kubeconfig', server().kubeconfig, '--context', 'prod']);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'error: no context "prod" in the kubeconfig (contexts: test, other)\n');
    });

    it('refuses files and a cluster at once', async () => {
      const run = await runCliAsync(['scan', CLUSTER_OBJECTS, '-A']);
      assert.equal(run.status, 2);
      assert.equal(
        run.stderr,
        'error: scan reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context, -A), not both\n',
      );
    });

    it("runs the README's command: kubeward scan --context NAME -A", async () => {
      const run = await runCliAsync(['scan', '--context', 'test', '-A'], {
        env: { KUBECONFIG: server().kubeconfig },
      });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /^Deployment\/shop\/web {2}cluster:\/\/test\/Deployment\/shop\/web$/m);
      assert.match(run.stdout, /^\d+ findings \(.*\) in 13 objects read from the cluster$/m);
    });

    it('takes the kubeconfig from KUBECONFIG, as kubectl does', async () => {
      const run = await runCliAsync(['scan', '-A', '--check', 'pss-privileged', ...JSON_REPORT], {
        env: { KUBECONFIG: server().kubeconfig },
      });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(findings(run.stdout).length, 1);
    });

    it("gets its token from the kubeconfig's exec plugin, as kubectl does", async () => {
      const directory = join(server().kubeconfig, '..');
      const plugin = join(directory, 'token-plugin.sh');
      const log = join(directory, 'token-plugin.log');
      writeFileSync(
        plugin,
        [
          '#!/bin/sh',
          `echo "$KUBEWARD_PLUGIN_ARG" >> '${log}'`,
          `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${server().token}"}}'`,
          '',
        ].join('\n'),
        { mode: 0o700 },
      );
      const exec = [
        '    exec:',
        '      apiVersion: client.authentication.k8s.io/v1',
        `      command: ${plugin}`,
        '      interactiveMode: Never',
        '      env:',
        '      - {name: KUBEWARD_PLUGIN_ARG, value: called}',
      ].join('\n');
      const kubeconfig = join(directory, 'exec-plugin');
      writeFileSync(
        kubeconfig,
        readFileSync(server().kubeconfig, 'utf8').replace(`    token: ${server().token}`, exec),
      );
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        kubeconfig,
        '-A',
        '--check',
        'pss-privileged',
        ...JSON_REPORT,
      ]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(findings(run.stdout).length, 1);
      assert.match(readFileSync(log, 'utf8'), /^called\n/);
    });

    it('stops with the reason when the credentials are refused', async () => {
      const kubeconfig = join(server().kubeconfig, '..', 'wrong-token');
      writeFileSync(kubeconfig, readFileSync(server().kubeconfig, 'utf8').replace(server().token, 'wrong'));
      const run = await runCliAsync(['scan', '--kubeconfig', kubeconfig, '-A']);
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^error: cannot discover the API groups of https:\/\/127\.0\.0\.1:\d+ \(GET \/apis\): Unauthorized: the credentials of the context were refused/,
      );
    });
  });

  describe('of one namespace (-n), beside a finding on a cluster-scoped object', () => {
    const server = serving({ objects: [...clusterObjects(), OPS_ADMINS] });
    let file = '';
    before(() => {
      file = join(mkdtempSync(join(tmpdir(), 'kubeward-scope-')), 'objects.yaml');
      writeFileSync(file, `${readFileSync(CLUSTER_OBJECTS, 'utf8')}---\n${dump(OPS_ADMINS)}`);
    });

    it("reports the namespace's objects, its Namespace and cluster-scoped objects, not other namespaces", async () => {
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-n',
        'shop',
        ...JSON_REPORT,
      ]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(objects(run.stdout), [
        'ClusterRoleBinding//ops-admins',
        'Deployment/shop/web',
        'Namespace//shop',
        'NetworkPolicy/shop/allow-all',
        'PeerAuthentication/shop/default',
        'Pod/shop/debug',
        'RoleBinding/shop/shop-admin',
        'Secret/shop/api-token',
      ]);
      assert.ok(
        findings(run.stdout).includes(
          'rbac-wildcard-grant ClusterRoleBinding//ops-admins subjects[0]: Group ops holds a wildcard rule cluster-wide through ClusterRoleBinding ops-admins and ClusterRole shop-admin rules[0] (apiGroups * resources * verbs *)',
        ),
        findings(run.stdout).join('\n'),
      );
      const other = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-n',
        'kube-system',
        ...JSON_REPORT,
      ]);
      assert.deepEqual(objects(other.stdout), [
        'ClusterRoleBinding//ops-admins',
        'Namespace//kube-system',
        'Pod/kube-system/coredns-5d78c9869d-abcde',
      ]);
    });

    it('reports what -n reports of the same objects in a file, but for the Secret values', async () => {
      for (const namespace of ['shop', 'kube-system']) {
        const live = await runCliAsync([
          'scan',
          '--kubeconfig',
          server().kubeconfig,
          '-n',
          namespace,
          ...JSON_REPORT,
        ]);
        const fromFile = await runCliAsync(['scan', file, '-n', namespace, ...JSON_REPORT]);
        assert.deepEqual(
          findings(fromFile.stdout).filter((finding) => !finding.startsWith('secret-manifest-plaintext ')),
          findings(live.stdout),
        );
      }
    });

    it('reports every namespace with -A', async () => {
      const run = await runCliAsync(['scan', '--kubeconfig', server().kubeconfig, '-A', ...JSON_REPORT]);
      const all = objects(run.stdout);
      for (const object of ['ClusterRoleBinding//ops-admins', 'Namespace//shop', 'Namespace//kube-system'])
        assert.ok(all.includes(object), all.join('\n'));
      const files = await runCliAsync(['scan', file, '-A', ...JSON_REPORT]);
      assert.equal(files.status, 2);
      assert.equal(
        files.stderr,
        'error: scan reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context, -A), not both\n',
      );
    });
  });

  describe('when a list is forbidden', () => {
    const server = serving({ forbidden: ['secrets'] });

    it('warns "cannot list secrets ...: forbidden" and scans the rest', async () => {
      const run = await runCliAsync(['scan', '--kubeconfig', server().kubeconfig, '-A', ...JSON_REPORT]);
      assert.equal(run.status, 0);
      assert.equal(
        run.stderr,
        'cluster://test: warning: cannot list secrets in any namespace: forbidden (secrets is forbidden: User "kubeward-test" cannot list resource "secrets" in API group "" at the cluster scope); the scan goes on without them\n',
      );
      assert.ok(
        findings(run.stdout).some((finding) => finding.startsWith('pss-privileged Deployment/shop/web')),
      );
    });
  });

  describe('when a continue token expires', () => {
    const server = serving({ expireContinueOnce: 'pods' });

    it('starts the list again and reads every object', async () => {
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        '--chunk-size',
        '1',
        '--check',
        'naked-pod',
        ...JSON_REPORT,
      ]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(
        findings(run.stdout).map((finding) => finding.split(' ')[1]),
        ['Pod/kube-system/coredns-5d78c9869d-abcde', 'Pod/shop/debug'],
      );
      assert.equal(server().requests.filter((path) => path === '/api/v1/pods?limit=1').length, 2);
    });
  });

  describe('when the server is slow', () => {
    const server = serving({ delay: 3000 });

    it('gives up after --request-timeout', async () => {
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        server().kubeconfig,
        '-A',
        '--request-timeout',
        '500ms',
      ]);
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^error: cannot reach https:\/\/127\.0\.0\.1:\d+: no answer within 0\.5 s \(--request-timeout\)\n$/,
      );
    });
  });

  describe('when the server certificate is not trusted', () => {
    const server = serving();
    let untrusted = '';
    before(() => {
      untrusted = join(server().kubeconfig, '..', 'untrusted');
      writeFileSync(
        untrusted,
        readFileSync(server().kubeconfig, 'utf8').replace(/^ *certificate-authority-data: \S+\n/m, ''),
      );
    });

    it('refuses the server', async () => {
      const run = await runCliAsync(['scan', '--kubeconfig', untrusted, '-A']);
      assert.equal(run.status, 2);
      assert.match(
        run.stderr,
        /^error: cannot reach https:\/\/127\.0\.0\.1:\d+: (unable to verify the first certificate|self-signed certificate in certificate chain|unable to get local issuer certificate)\n$/,
      );
    });

    it('reads it with --insecure-skip-tls-verify, with a warning', async () => {
      const run = await runCliAsync([
        'scan',
        '--kubeconfig',
        untrusted,
        '-A',
        '--insecure-skip-tls-verify',
        ...JSON_REPORT,
      ]);
      assert.equal(run.status, 0);
      assert.equal(
        run.stderr,
        "warning: --insecure-skip-tls-verify: the API server's certificate is not verified; anyone on the path can read and alter what is scanned\n",
      );
      assert.ok(findings(run.stdout).length > 20);
    });
  });
});
