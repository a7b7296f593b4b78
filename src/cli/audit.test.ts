import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTROLPLANE_CHECKS } from '../checks/controlplane/index.ts';
import { issue } from '../testing/test-pki.ts';
import { ROOT } from '../testing/scan-examples.ts';
import { needs } from '../testing/tools.ts';

/**
 * Runs `kubeward audit ...` in a child process (from source, through tsx) the way main.ts runs a
 * command, with errors mapped to exit codes by reportError.
 */
function audit(...args: string[]): { stdout: string; stderr: string; exitCode: number | null } {
  const script = [
    `import { auditCommand } from ${JSON.stringify(join(ROOT, 'src/cli/commands/audit.ts'))};`,
    `import { reportError } from ${JSON.stringify(join(ROOT, 'src/cli/exit.ts'))};`,
    'try { await auditCommand().exitOverride().parseAsync(process.argv.slice(1), { from: "user" }); }',
    'catch (error) { process.exitCode = reportError(error, process.stderr); }',
  ].join('\n');
  const result = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, '--', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status };
}

/** Sets the modes a kubeadm node has: certificates 644, everything else 600 (a git checkout has 644). */
function chmodLikeANode(directory: string): void {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) chmodLikeANode(path);
    else chmodSync(path, entry.endsWith('.crt') ? 0o644 : 0o600);
  }
}

const KUBEADM_SANS = [
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'IP:10.96.0.1',
];

describe('kubeward audit node', needs('openssl'), () => {
  let pki: string;
  let proc: string;
  before(() => {
    pki = mkdtempSync(join(tmpdir(), 'kubeward-audit-pki-'));
    issue(pki, { path: 'pki/ca', subject: '/CN=kubernetes', ca: true, days: 3650 });
    issue(pki, { path: 'pki/etcd/ca', subject: '/CN=etcd-ca', ca: true, days: 3650 });
    issue(pki, {
      path: 'pki/apiserver',
      subject: '/CN=kube-apiserver',
      issuer: 'pki/ca',
      sans: KUBEADM_SANS,
    });

    proc = mkdtempSync(join(tmpdir(), 'kubeward-proc-'));
    const processes: Record<string, string[]> = {
      '101': [
        '/usr/local/bin/kube-apiserver',
        '--authorization-mode=AlwaysAllow',
        '--anonymous-auth',
        'false',
      ],
      '102': ['/usr/bin/kubelet', '--config', join(proc, 'kubelet.yaml'), '--v=2'],
      '103': ['/usr/sbin/sshd', '-D'],
    };
    for (const [pid, argv] of Object.entries(processes)) {
      mkdirSync(join(proc, pid));
      writeFileSync(join(proc, pid, 'cmdline'), `${argv.join('\0')}\0`);
    }
    writeFileSync(
      join(proc, 'kubelet.yaml'),
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\n',
    );
  });
  after(() => {
    rmSync(pki, { recursive: true, force: true });
    rmSync(proc, { recursive: true, force: true });
  });

  it('finds the insecure example node in every control-plane theme and exits 1', () => {
    const run = audit('node', join(ROOT, 'examples/node-insecure'), '-o', 'json');
    assert.equal(run.exitCode, 1);
    const report = JSON.parse(run.stdout) as { findings: { check: string; theme: string }[] };
    const themes = new Set(report.findings.map((finding) => finding.theme));
    for (const theme of ['tls', 'authn', 'rbac', 'etcd', 'keys']) assert.ok(themes.has(theme), theme);
    const fired = new Set(report.findings.map((finding) => finding.check));
    assert.deepEqual(
      CONTROLPLANE_CHECKS.map((check) => check.id).filter((id) => !fired.has(id)),
      [
        'apiserver-serving-tls',
        'apiserver-admission-flags',
        'apiserver-encryption-config',
        'certificate-expiry',
        'certificate-key-strength',
        'certificate-roles',
      ],
    );
  });
  it('finds nothing on the hardened example node with a generated kubeadm-like PKI, modes as on a node', () => {
    const node = mkdtempSync(join(tmpdir(), 'kubeward-audit-node-'));
    try {
      cpSync(join(ROOT, 'examples/node-hardened'), node, { recursive: true });
      chmodLikeANode(node);
      chmodLikeANode(pki);
      const run = audit('node', node, pki, '-o', 'json');
      const report = JSON.parse(run.stdout) as { findings: { check: string; message: string }[] };
      assert.deepEqual(
        report.findings.map((finding) => `${finding.check}: ${finding.message}`),
        [],
      );
      assert.equal(run.exitCode, 0);

      chmodSync(join(node, 'etc/kubernetes/manifests/kube-apiserver.yaml'), 0o644);
      chmodSync(join(node, 'etc/kubernetes/admin.conf'), 0o640);
      chmodSync(join(pki, 'pki/ca.key'), 0o604);
      chmodSync(join(pki, 'pki/ca.crt'), 0o664);
      const loose = JSON.parse(audit('node', node, pki, '-o', 'json').stdout) as {
        findings: { check: string; message: string }[];
      };
      assert.deepEqual(
        loose.findings.map((finding) => `${finding.check}: ${finding.message}`),
        [
          'node-file-permissions: kube-apiserver manifest has mode 644; CIS 1.1.1 asks for 600 or stricter',
          'node-file-permissions: kubeconfig has mode 640; CIS 1.1.13 asks for 600 or stricter',
          'node-file-permissions: private key has mode 604; CIS 1.1.21 asks for 600 or stricter',
          'node-file-permissions: certificate has mode 664; CIS 1.1.20 asks for 644 or stricter',
        ],
      );
    } finally {
      rmSync(node, { recursive: true, force: true });
    }
  });
  it('writes kube-bench JSON with CIS test numbers and PASS/FAIL/WARN', () => {
    const run = audit('node', join(ROOT, 'examples/node-insecure'), '-o', 'kube-bench');
    const output = JSON.parse(run.stdout) as {
      Controls: { tests: { results: { test_number: string; status: string; remediation: string }[] }[] }[];
      Totals: { total_fail: number; total_warn: number };
    };
    const results = output.Controls[0]?.tests.flatMap((group) => group.results) ?? [];
    assert.equal(results.find((result) => result.test_number === '1.2.6')?.status, 'FAIL');
    assert.equal(results.find((result) => result.test_number === '1.2.24')?.status, 'PASS');
    assert.ok(results.every((result) => result.remediation !== ''));
    assert.ok(output.Totals.total_fail > 0);
  });
  it('reads running components from /proc: pflag semantics and the kubelet --config file', () => {
    const run = audit('node', '--processes', '--proc-root', proc, '-o', 'json');
    const report = JSON.parse(run.stdout) as { findings: { check: string; message: string }[] };
    const messages = report.findings.map((finding) => finding.message);
    assert.ok(messages.includes('kube-apiserver --authorization-mode includes AlwaysAllow'));
    assert.ok(
      messages.includes(
        'kube-apiserver --anonymous-auth=true lets unauthenticated requests in as system:anonymous',
      ),
    );
    assert.ok(messages.includes('kubelet readOnlyPort is 10255, serving pods without authentication'));
    assert.equal(run.exitCode, 1);
  });
  it('is a usage error without inputs', () => {
    const run = audit('node');
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /^error: nothing to audit/);
  });
});

describe('kubeward audit probe', () => {
  it('refuses non-loopback targets', () => {
    for (const [flag, target] of [
      ['--apiserver', 'https://10.0.0.10:6443'],
      ['--kubelet', 'example.com'],
      ['--etcd', 'https://0.0.0.0:2379'],
    ] as const) {
      const run = audit('probe', flag, target);
      assert.equal(run.exitCode, 2);
      assert.match(run.stderr, /not a loopback address/);
    }
  });
  it('is a usage error without targets', () => {
    assert.equal(audit('probe').exitCode, 2);
  });
  it('bounds each request with --request-timeout, as the commands reading a cluster do', () => {
    const run = audit(
      'probe',
      '--kubelet',
      '127.0.0.1',
      '--kubelet-port',
      '1',
      '--read-only-port',
      '1',
      '--request-timeout',
      '1s',
    );
    assert.match(run.stdout, /^ERROR +kubelet-anonymous /m);
    const zero = audit('probe', '--kubelet', '127.0.0.1', '--request-timeout', '0s');
    assert.equal(zero.exitCode, 1);
    assert.equal(
      zero.stderr,
      "error: option '--request-timeout <duration>' argument '0s' is invalid. the timeout must be more than 0\n",
    );
  });
  it('prints a verdict per probe and exits 2 when nothing answers', () => {
    const run = audit(
      'probe',
      '--kubelet',
      '127.0.0.1',
      '--kubelet-port',
      '1',
      '--read-only-port',
      '1',
      '--timeout',
      '1000',
    );
    assert.deepEqual(
      run.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split(/\s+/).slice(0, 2).join(' ')),
      ['VERDICT PROBE', 'ERROR kubelet-anonymous', 'PASS kubelet-read-only-port'],
    );
    assert.equal(run.exitCode, 2);
  });
});
