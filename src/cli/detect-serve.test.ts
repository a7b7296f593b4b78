// `kubeward detect serve` and `detect coverage` end to end. The audit webhook config file is the
// kubeconfig format kube-apiserver reads from --audit-webhook-config-file (kubernetes.io, Auditing:
// Webhook backend); the server is called as k8s.io/apiserver plugin/pkg/audit/webhook calls it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from '../load/js-yaml.ts';
import { runCli } from '../testing/cli.ts';
import { ROOT } from '../testing/scan-examples.ts';
import { issue } from '../testing/test-pki.ts';
import { needs } from '../testing/tools.ts';

const RULES = 'examples/audit/rules.yaml';
const EVENTS = readFileSync(join(ROOT, 'examples/audit/events.jsonl'), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as unknown);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });
}

interface Kubeconfig {
  readonly clusters: {
    readonly cluster: { readonly server: string; readonly 'certificate-authority-data': string };
  }[];
  readonly users: { readonly user: Readonly<Record<string, string>> }[];
  readonly 'current-context': string;
}

describe('kubeward detect serve', needs('openssl'), () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-detect-serve-'));
  before(() => {
    issue(dir, { subject: '/CN=audit-ca', path: 'ca', ca: true });
    issue(dir, { subject: '/CN=kubeward-detect', path: 'tls', issuer: 'ca', sans: ['IP:127.0.0.1'] });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const tls = (): string[] => ['--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')];

  it('--print-config writes the audit webhook kubeconfig: server URL, CA data, the API server as user', () => {
    const run = runCli([
      'detect',
      'serve',
      ...tls(),
      '--ca-file',
      join(dir, 'ca.crt'),
      '--port',
      '9443',
      '--server-url',
      'https://audit.example.internal:9443/audit',
      '--print-config',
      '--apiserver-client-cert',
      '/etc/kubernetes/pki/audit-client.crt',
      '--apiserver-client-key',
      '/etc/kubernetes/pki/audit-client.key',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const config = load(run.stdout) as Kubeconfig;
    assert.equal(config.clusters[0]?.cluster.server, 'https://audit.example.internal:9443/audit');
    assert.equal(
      Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString(),
      readFileSync(join(dir, 'ca.crt'), 'utf8'),
    );
    assert.deepEqual(config.users[0]?.user, {
      'client-certificate': '/etc/kubernetes/pki/audit-client.crt',
      'client-key': '/etc/kubernetes/pki/audit-client.key',
    });
    assert.equal(config['current-context'], 'kubeward-detect');
  });

  it('--print-config points at this host and port by default, and says the URL must reach it', () => {
    const run = runCli(['detect', 'serve', ...tls(), '--port', '9555', '--print-config']);
    assert.equal(run.status, 0, run.stderr);
    const config = load(run.stdout) as Kubeconfig;
    assert.equal(config.clusters[0]?.cluster.server, 'https://127.0.0.1:9555/audit');
    assert.equal(
      Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString(),
      readFileSync(join(dir, 'tls.crt'), 'utf8'),
      'without --ca-file, the serving certificate is the trust anchor',
    );
    assert.deepEqual(config.users[0]?.user, {});
    assert.equal(
      run.stderr,
      'note: server https://127.0.0.1:9555/audit: the API server must reach this address and --tls-cert must name it; set --server-url otherwise\n',
    );
  });

  it('--print-config refuses a URL that is not https, a CA that is no certificate, half a client pair', () => {
    const http = runCli(['detect', 'serve', ...tls(), '--print-config', '--server-url', 'http://x:1/audit']);
    assert.deepEqual(
      [http.status, http.stderr],
      [2, 'error: --server-url: the audit webhook is served over https, not "http:"\n'],
    );
    const ca = runCli(['detect', 'serve', ...tls(), '--print-config', '--ca-file', join(dir, 'ca.key')]);
    assert.equal(ca.status, 2);
    assert.match(ca.stderr, /ca\.key: not a PEM certificate\n$/);
    const half = runCli(['detect', 'serve', ...tls(), '--print-config', '--apiserver-client-cert', 'c.crt']);
    assert.deepEqual(
      [half.status, half.stderr],
      [2, 'error: --apiserver-client-cert and --apiserver-client-key go together\n'],
    );
  });

  it('receives EventLists over HTTPS as the generated kubeconfig says, alerts on them, and stops on SIGTERM with stats', async () => {
    const port = await freePort();
    const printed = runCli([
      'detect',
      'serve',
      ...tls(),
      '--ca-file',
      join(dir, 'ca.crt'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--print-config',
    ]);
    assert.equal(printed.status, 0, printed.stderr);
    const config = load(printed.stdout) as Kubeconfig;
    const cluster = config.clusters[0]?.cluster;
    assert.ok(cluster);
    assert.equal(cluster.server, `https://127.0.0.1:${String(port)}/audit`);
    const child = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        join(ROOT, 'src/cli/main.ts'),
        'detect',
        'serve',
        ...tls(),
        '--rules',
        RULES,
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--hostname',
        'audit-sink',
        '--fail-on',
        'critical',
      ],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const until = async (test: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 400 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(test(), `${what}; stderr: ${stderr}`);
    };
    try {
      await until(() => stderr.includes('"msg":"listening"'), 'the server listens');
      const url = new URL(cluster.server);
      const post = (body: string, type = 'application/json'): Promise<number> =>
        new Promise((resolve, reject) => {
          const call = request(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              agent: false,
              ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
              headers: { 'content-type': type },
            },
            (response) => {
              response.resume();
              response.on('end', () => {
                resolve(response.statusCode ?? 0);
              });
            },
          );
          call.on('error', reject);
          call.end(body);
        });
      const list = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: EVENTS };
      assert.equal(await post(JSON.stringify(list)), 200);
      assert.equal(await post('{"kind":"EventList"'), 400);
      assert.equal(await post(JSON.stringify(list), 'text/plain'), 415);
      await until(() => stdout.trimEnd().split('\n').length === 4, 'four alerts');
      const alert = JSON.parse(stdout.split('\n')[0] ?? '') as { rule: string; hostname: string };
      assert.deepEqual([alert.rule, alert.hostname], ['Privileged container created', 'audit-sink']);
      child.kill('SIGUSR1');
      await until(() => stderr.includes('detect (running): 8 events read'), 'stats on SIGUSR1');
      child.kill('SIGTERM');
      assert.equal(await exited, 1, 'an alert reached --fail-on critical');
      assert.match(
        stderr,
        /^detect: 8 events read, 4 matched, 4 alerts \(4 shown\), 0 dropped, 0 batches refused \(429\)$/m,
      );
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('kubeward detect coverage', () => {
  it('lists the rules that can never fire under the audit policy, with why', () => {
    const run = runCli([
      'detect',
      'coverage',
      '--rules',
      RULES,
      '--audit-policy',
      'examples/audit/policy.yaml',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /^RULE {27}CAN FIRE {3}WHY NOT$/);
    assert.match(
      lines[1] ?? '',
      /^Privileged container created {3}no {9}reads ka\.req\.pod\.containers\.privileged, which needs level Request/,
    );
    assert.match(
      lines[2] ?? '',
      /^Guarded secret read {12}no {9}the audit policy logs get secrets at level None \(policy rule 1\)$/,
    );
    assert.equal(lines.at(-2), '2 of 4 rules can never fire under examples/audit/policy.yaml');
    const json = runCli([
      'detect',
      'coverage',
      '--rules',
      RULES,
      '--audit-policy',
      'examples/audit/policy.yaml',
      '-o',
      'json',
    ]);
    const parsed = JSON.parse(json.stdout) as {
      rules: { rule: string; canFire: boolean; reason?: string }[];
    };
    assert.deepEqual(
      parsed.rules.map((rule) => [rule.rule, rule.canFire]),
      [
        ['Privileged container created', false],
        ['Shell into a pod', true],
        ['Guarded secret read', false],
        ['Anonymous request allowed', true],
      ],
    );
  });

  it('refuses a policy file that is no audit Policy, or is not YAML, at file:line:col', () => {
    const pod = runCli([
      'detect',
      'coverage',
      '--rules',
      RULES,
      '--audit-policy',
      'examples/audit/rules.yaml',
    ]);
    assert.deepEqual(
      [pod.status, pod.stderr],
      [2, 'error: examples/audit/rules.yaml: not an audit Policy (kind missing)\n'],
    );
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-coverage-'));
    try {
      const broken = join(dir, 'policy.yaml');
      writeFileSync(broken, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: [Metadata\n');
      const bad = runCli(['detect', 'coverage', '--rules', RULES, '--audit-policy', broken]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /^error: .*policy\.yaml:5:1: error: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const none = runCli(['detect', 'coverage', '--rules', RULES, '--audit-policy', 'nope.yaml']);
    assert.deepEqual(
      [none.status, none.stderr],
      [2, 'error: nope.yaml: cannot read: no such file or directory\n'],
    );
  });
});
