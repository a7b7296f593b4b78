import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issue } from '../testing/test-pki.ts';
import { startEtcd } from '../testing/test-servers.ts';
import type { RunningEtcd } from '../testing/test-servers.ts';
import { probeEtcd } from './etcd.ts';

// A real etcd (Debian etcd-server, installed by .ci/run) on loopback: with TLS and
// --client-cert-auth (etcd.io op-guide/security), with TLS only, and without TLS.
describe('probeEtcd against a real etcd', () => {
  let root: string;
  let secure: RunningEtcd;
  let open: RunningEtcd;
  let tlsOnly: RunningEtcd;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'kubeward-etcd-'));
    issue(root, { path: 'ca', subject: '/CN=etcd-ca', ca: true });
    const cert = issue(root, {
      path: 'server',
      subject: '/CN=etcd',
      issuer: 'ca',
      sans: ['IP:127.0.0.1', 'DNS:localhost'],
    });
    [secure, open, tlsOnly] = await Promise.all([
      startEtcd(join(root, 'secure'), 'https', [
        `--cert-file=${cert}`,
        `--key-file=${join(root, 'server.key')}`,
        `--trusted-ca-file=${join(root, 'ca.crt')}`,
        '--client-cert-auth=true',
      ]),
      startEtcd(join(root, 'open'), 'http', []),
      startEtcd(join(root, 'tls-only'), 'https', [
        `--cert-file=${cert}`,
        `--key-file=${join(root, 'server.key')}`,
      ]),
    ]);
  });
  after(async () => {
    await Promise.all([secure.stop(), open.stop(), tlsOnly.stop()]);
    rmSync(root, { recursive: true, force: true });
  });

  it('passes when etcd requires client certificates', async () => {
    const result = await probeEtcd(new URL(secure.clientUrl), 3000);
    assert.equal(result.verdict, 'pass', JSON.stringify(result));
    assert.equal(result.message, 'etcd refuses clients without a certificate');
  });
  it('fails when etcd serves plain HTTP without authentication', async () => {
    const result = await probeEtcd(new URL(open.clientUrl), 3000);
    assert.equal(result.verdict, 'fail');
    assert.equal(result.message, 'etcd serves clients over plain HTTP without authentication');
    assert.match(result.evidence[0] ?? '', /etcdserver/);
  });
  it('fails when etcd serves TLS but does not ask for a client certificate', async () => {
    const result = await probeEtcd(new URL(tlsOnly.clientUrl), 3000);
    assert.equal(result.verdict, 'fail');
    assert.equal(result.message, 'etcd accepts TLS clients without a client certificate');
  });
  it('reports an error for a closed port', async () => {
    const result = await probeEtcd(new URL('https://127.0.0.1:1'), 1000);
    assert.equal(result.verdict, 'error');
  });
});
