import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeFifo, releaseFifoAfter } from '../testing/hostile-files.ts';
import { loadProcesses } from './processes.ts';

/** Writes `/proc/<pid>/<name>` as NUL-separated entries, as the kernel shows cmdline and environ. */
function writeProc(root: string, pid: string, name: string, entries: readonly string[]): void {
  mkdirSync(join(root, pid), { recursive: true });
  writeFileSync(join(root, pid, name), `${entries.join('\0')}\0`);
}

describe('loadProcesses', () => {
  let proc: string;
  before(() => {
    proc = mkdtempSync(join(tmpdir(), 'kubeward-proc-'));
    writeProc(proc, '7', 'cmdline', ['/usr/local/bin/etcd', '--name=cp-1']);
    writeProc(proc, '7', 'environ', ['PATH=/usr/bin', 'ETCD_CLIENT_CERT_AUTH=false', 'ETCD_X']);
    writeProc(proc, '12', 'cmdline', ['/usr/bin/kubelet', '--config', 'kubelet.yaml']);
    mkdirSync(join(proc, '12', 'cwd'));
    writeFileSync(
      join(proc, '12', 'cwd', 'kubelet.yaml'),
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n',
    );
    writeProc(proc, '30', 'cmdline', ['/usr/bin/kubelet', '--config=/nonexistent/kubelet.yaml']);
    writeProc(proc, '41', 'cmdline', ['/usr/sbin/sshd', '-D']);
    writeProc(proc, '9', 'cmdline', ['kube-scheduler-wrapper', '--bind-address=0.0.0.0']);
  });
  after(() => {
    rmSync(proc, { recursive: true, force: true });
  });

  it('turns components into static pods, with etcd ETCD_* variables, and reads kubelet --config files', () => {
    const loaded = loadProcesses(proc);
    assert.deepEqual(
      loaded.resources.map((resource) => `${resource.kind}/${resource.name} ${resource.origin.file}`),
      [
        `Pod/etcd-pid-7 ${join(proc, '7', 'cmdline')}`,
        `KubeletConfiguration/ ${join(proc, '12', 'cwd', 'kubelet.yaml')}`,
      ],
    );
    const etcd = loaded.resources[0]?.object as {
      spec: { containers: { command: string[]; env: unknown }[] };
    };
    assert.deepEqual(etcd.spec.containers[0]?.command, ['/usr/local/bin/etcd', '--name=cp-1']);
    assert.deepEqual(etcd.spec.containers[0]?.env, [{ name: 'ETCD_CLIENT_CERT_AUTH', value: 'false' }]);
    assert.equal(loaded.files, 2);
  });
  it('warns about a kubelet --config file it cannot read, and errs on a proc root it cannot list', () => {
    assert.deepEqual(
      loadProcesses(proc).diagnostics.map((diagnostic) => `${diagnostic.level} ${diagnostic.file}`),
      ['warning /nonexistent/kubelet.yaml'],
    );
    const missing = loadProcesses(join(proc, 'absent'));
    assert.equal(missing.diagnostics[0]?.level, 'error');
    assert.match(missing.diagnostics[0]?.message ?? '', /^cannot list processes/);
  });
});

describe(
  'loadProcesses and config files planted by a process claiming to be the kubelet',
  { timeout: 20_000 },
  () => {
    let proc: string;
    let stopReleasing = (): void => undefined;
    before(() => {
      proc = mkdtempSync(join(tmpdir(), 'kubeward-proc-hostile-'));
      makeFifo(join(proc, 'fifo.yaml'));
      stopReleasing = releaseFifoAfter(join(proc, 'fifo.yaml'), 5_000);
      writeProc(proc, '20', 'cmdline', ['/usr/bin/kubelet', `--config=${join(proc, 'fifo.yaml')}`]);
      writeFileSync(join(proc, 'big.yaml'), `kind: KubeletConfiguration\n#${'x'.repeat(4096)}\n`);
      writeProc(proc, '21', 'cmdline', ['/usr/bin/kubelet', `--config=${join(proc, 'big.yaml')}`]);
      writeFileSync(
        join(proc, 'good.yaml'),
        'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n',
      );
      writeProc(proc, '22', 'cmdline', ['/usr/bin/kubelet', `--config=${join(proc, 'good.yaml')}`]);
    });
    after(() => {
      stopReleasing();
      rmSync(proc, { recursive: true, force: true });
    });

    it('refuses a FIFO and a file above the cap with errors, and reads the good one', () => {
      const loaded = loadProcesses(proc, 1024);
      assert.deepEqual(
        loaded.diagnostics.map((d) => `${d.file.slice(proc.length + 1)}: ${d.level}: ${d.message}`),
        [
          'fifo.yaml: error: kubelet --config file: skipped: not a regular file (fifo)',
          'big.yaml: error: kubelet --config file: 4 KiB exceeds --max-file-size 1 KiB',
        ],
      );
      assert.deepEqual(
        loaded.resources.map((resource) => `${resource.kind} ${resource.origin.file.slice(proc.length + 1)}`),
        ['KubeletConfiguration good.yaml'],
      );
    });
  },
);
