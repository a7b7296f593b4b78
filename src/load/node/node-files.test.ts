import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issue } from '../../testing/test-pki.ts';
import { readSources } from '../read.ts';
import { NODE_FILE_EXTENSIONS, readNodeFiles } from './node-files.ts';
import type { NodeFileContents } from './node-files.ts';

const KUBEADM_SANS = [
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'IP:10.96.0.1',
];

/** The node files of a directory, found by the loader's walk as `scan` and `audit node` find them. */
async function nodeFilesIn(directory: string): Promise<NodeFileContents> {
  const { others } = await readSources([directory], { recursive: true, others: NODE_FILE_EXTENSIONS });
  return readNodeFiles(others);
}

// Certificates are generated with openssl at run time. What the checks make of such files is tested by
// their fixtures (testdata/checks/certificate-*).
describe('readNodeFiles and certificate checks', () => {
  let good: string;
  let bad: string;
  before(() => {
    good = mkdtempSync(join(tmpdir(), 'kubeward-pki-good-'));
    issue(good, { path: 'pki/ca', subject: '/CN=kubernetes', ca: true, days: 3650 });
    issue(good, { path: 'pki/etcd/ca', subject: '/CN=etcd-ca', ca: true, days: 3650 });
    issue(good, {
      path: 'pki/apiserver',
      subject: '/CN=kube-apiserver',
      issuer: 'pki/ca',
      sans: KUBEADM_SANS,
    });
    issue(good, {
      path: 'pki/etcd/server',
      subject: '/CN=cp-1',
      issuer: 'pki/etcd/ca',
      key: 'ec:prime256v1',
      sans: ['DNS:localhost', 'IP:127.0.0.1'],
    });
    writeFileSync(
      join(good, 'admin.conf'),
      'apiVersion: v1\nkind: Config\nclusters:\n  - name: k\n    cluster: {server: "https://10.0.0.10:6443"}\nusers: []\n',
    );
    writeFileSync(join(good, 'notes.conf'), '# systemd drop-in\n[Service]\nEnvironment=X=1\n');

    bad = mkdtempSync(join(tmpdir(), 'kubeward-pki-bad-'));
    issue(bad, { path: 'pki/ca', subject: '/CN=kubernetes', ca: false });
    issue(bad, {
      path: 'pki/apiserver',
      subject: '/CN=kube-apiserver',
      issuer: 'pki/ca',
      key: 'rsa:1024',
      sans: ['DNS:cp-1'],
      days: 5,
    });
    issue(bad, {
      path: 'pki/front-proxy-client',
      subject: '/CN=front-proxy-client',
      issuer: 'pki/ca',
      ca: true,
    });
    issue(bad, { path: 'pki/etcd/server', subject: '/CN=cp-1', issuer: 'pki/ca', key: 'ec:secp224r1' });
    copyFileSync(join(bad, 'pki/ca.crt'), join(bad, 'pki/etcd/ca.crt'));
    writeFileSync(
      join(bad, 'pki/broken.crt'),
      '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n',
    );
  });
  after(() => {
    rmSync(good, { recursive: true, force: true });
    rmSync(bad, { recursive: true, force: true });
  });

  it('reads certificates, keys and kubeconfigs, skipping non-kubeconfig .conf files', async () => {
    const files = await nodeFilesIn(good);
    assert.deepEqual(files.diagnostics, []);
    assert.equal(files.certificates.length, 4);
    assert.equal(files.privateKeys.length, 4);
    assert.deepEqual(
      files.kubeconfigs.map((resource) => resource.kind),
      ['Config'],
    );
    const etcdServer = files.certificates.find((certificate) => certificate.file.endsWith('etcd/server.crt'));
    assert.deepEqual(etcdServer?.key, { type: 'ec', bits: undefined, curve: 'prime256v1' });
    assert.deepEqual(etcdServer?.subjectAltNames, ['DNS:localhost', 'IP Address:127.0.0.1']);
  });
  it('never keeps key material', async () => {
    const files = await nodeFilesIn(good);
    assert.doesNotMatch(JSON.stringify(files.privateKeys), /PRIVATE KEY|BEGIN/);
  });
  it('reports an unparseable certificate as a diagnostic and goes on', async () => {
    const files = await nodeFilesIn(bad);
    assert.equal(files.diagnostics.length, 1);
    assert.match(files.diagnostics[0]?.message ?? '', /does not parse/);
    assert.equal(files.certificates.length, 5);
  });
});
