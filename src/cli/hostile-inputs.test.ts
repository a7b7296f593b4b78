// What a tenant can plant on a node, through the real CLI: FIFOs, a symbolic link to /dev/zero, a
// socket and oversized files are input errors (exit 2) that name the file, and the good input of the
// same run is still read. A CLI that waited on a FIFO would be killed at `timeout`, never hang.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { makeFifo, makeSocket } from '../testing/hostile-files.ts';

const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: good-web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext: {privileged: true}
`;
const APISERVER = 'examples/node-insecure/etc/kubernetes/manifests/kube-apiserver.yaml';
const POLICY = 'examples/policies/team-label.yaml';
/** Generous for a CLI started through tsx on a busy machine; a hung run is killed here. */
const RUN = { timeout: 90_000 } as const;

describe('the CLI and inputs that are not regular files or are too large', { timeout: 600_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-hostile-'));
  const at = (...names: string[]): string => join(root, names.join('/'));
  let closeSocket = (): Promise<void> => Promise.resolve();
  before(async () => {
    writeFileSync(at('good.yaml'), GOOD);
    writeFileSync(at('big.yaml'), `${GOOD}#${'x'.repeat(2048)}\n`);
    makeFifo(at('fifo.yaml'));
    symlinkSync('/dev/zero', at('zero.yaml'));
    closeSocket = await makeSocket(at('socket.yaml'));
    mkdirSync(at('node', 'manifests'), { recursive: true });
    copyFileSync(APISERVER, at('node', 'manifests', 'kube-apiserver.yaml'));
    makeFifo(at('node', 'ca.crt'));
    mkdirSync(at('big-node', 'manifests'), { recursive: true });
    copyFileSync(APISERVER, at('big-node', 'manifests', 'kube-apiserver.yaml'));
    writeFileSync(at('big-node', 'apiserver.key'), `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(8192)}\n`);
    mkdirSync(at('loops'));
    writeFileSync(at('loops', 'good.yaml'), GOOD);
    for (const name of ['a', 'b', 'c']) symlinkSync('.', at('loops', name));
    mkdirSync(at('loop'));
    writeFileSync(at('loop', 'good.yaml'), GOOD);
    symlinkSync('.', at('loop', 'a'));
    for (const [pid, argv] of [
      ['7', ['/usr/local/bin/kube-apiserver', '--anonymous-auth=true']],
      ['20', ['/usr/bin/kubelet', `--config=${at('fifo.yaml')}`]],
    ] as const) {
      mkdirSync(at('proc', pid), { recursive: true });
      writeFileSync(at('proc', pid, 'cmdline'), `${argv.join('\0')}\0`);
    }
  });
  after(async () => {
    await closeSocket();
    rmSync(root, { recursive: true, force: true });
  });

  const scan = (...args: string[]) => runCli(['scan', '-o', 'json', ...args], RUN);
  const assertGoodScanned = (stdout: string): void => {
    assert.match(stdout, /"name": "good-web"/);
  };

  it('scan: a FIFO is skipped with an error, and the other input is scanned', () => {
    const run = scan(at('fifo.yaml'), at('good.yaml'));
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('fifo.yaml')}: error: skipped: not a regular file \\(fifo\\)$`, 'm'),
    );
    assertGoodScanned(run.stdout);
  });
  it('scan: a symbolic link to /dev/zero is skipped, not read forever', () => {
    const run = scan(at('zero.yaml'), at('good.yaml'));
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `^${at('zero.yaml')}: error: skipped: not a regular file \\(character device, through a symbolic link\\)$`,
        'm',
      ),
    );
    assertGoodScanned(run.stdout);
  });
  it('scan: a socket is skipped with an error', () => {
    const run = scan(at('socket.yaml'), at('good.yaml'));
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('socket.yaml')}: error: skipped: not a regular file \\(socket\\)$`, 'm'),
    );
    assertGoodScanned(run.stdout);
  });
  it('scan: a file above --max-file-size is an input error, and the one below is scanned', () => {
    const run = scan('--max-file-size', '1Ki', at('big.yaml'), at('good.yaml'));
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('big.yaml')}: error: 2.3 KiB exceeds --max-file-size 1 KiB$`, 'm'),
    );
    assertGoodScanned(run.stdout);
  });
  it('scan: stdin above --max-file-size is an input error too', () => {
    const run = runCli(['scan', '-o', 'json', '--max-file-size', '1Ki', '-f', '-', at('good.yaml')], {
      ...RUN,
      input: `${GOOD}#${'x'.repeat(2048)}\n`,
    });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^<stdin>: error: more than 1 KiB exceeds --max-file-size 1 KiB$/m);
    assertGoodScanned(run.stdout);
  });
  it('scan: a size that is not one is a usage error', () => {
    const run = scan('--max-file-size', '64MB', at('good.yaml'));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--max-file-size.*'64MB' is invalid/);
  });

  it('audit node: a FIFO certificate is skipped with an error, and the manifests are audited', () => {
    const run = runCli(['audit', 'node', '-o', 'json', at('node')], RUN);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('node', 'ca.crt')}: error: skipped: not a regular file \\(fifo\\)$`, 'm'),
    );
    assert.match(run.stdout, /"name": "kube-apiserver"/);
  });
  it('audit node: a key above --max-file-size is an input error, and the manifests are audited', () => {
    const run = runCli(['audit', 'node', '-o', 'json', '--max-file-size', '4Ki', at('big-node')], RUN);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('big-node', 'apiserver.key')}: error: 8 KiB exceeds --max-file-size 4 KiB$`, 'm'),
    );
    assert.match(run.stdout, /"name": "kube-apiserver"/);
  });
  it('audit node --processes: a kubelet --config that is a FIFO is an error, and the other processes are audited', () => {
    const run = runCli(['audit', 'node', '-o', 'json', '--processes', '--proc-root', at('proc')], RUN);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `^${at('fifo.yaml')}: error: kubelet --config file: skipped: not a regular file \\(fifo\\)$`,
        'm',
      ),
    );
    assert.match(run.stdout, /"name": "kube-apiserver-pid-7"/);
  });

  it('test: a FIFO manifest is skipped with an error, and the other manifests are tested', () => {
    const run = runCli(['test', POLICY, '-o', 'json', '-f', at('fifo.yaml'), '-f', at('good.yaml')], RUN);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('fifo.yaml')}: error: skipped: not a regular file \\(fifo\\)$`, 'm'),
    );
    assert.match(run.stdout, /good-web/);
  });
  it('test: a manifest above --max-file-size is an input error, and the others are tested', () => {
    const run = runCli(
      ['test', POLICY, '-o', 'json', '--max-file-size', '1Ki', '-f', at('big.yaml'), '-f', at('good.yaml')],
      RUN,
    );
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`^${at('big.yaml')}: error: 2.3 KiB exceeds --max-file-size 1 KiB$`, 'm'),
    );
    assert.match(run.stdout, /good-web/);
  });

  it('scan: symbolic link loops planted in a directory do not make the walk endless', () => {
    const run = scan(at('loops'));
    assert.equal(run.status, 1, run.stderr);
    assertGoodScanned(run.stdout);
  });
  it('test: symbolic link loops in a policy directory do not make the walk endless', () => {
    const run = runCli(['test', POLICY, at('loops'), '-o', 'json', '-f', at('good.yaml')], RUN);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /good-web/);
  });
});
