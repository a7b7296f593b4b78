import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issue } from '../../testing/test-pki.ts';
import { readSources } from '../read.ts';
import { NODE_FILE_EXTENSIONS, readNodeFiles } from './node-files.ts';
import type { NodeFileContents } from './node-files.ts';
import { needs } from '../../testing/tools.ts';
import { makeFifo, releaseFifoAfter } from '../../testing/hostile-files.ts';
import { formatDiagnostic } from '../../model/diagnostic.ts';
import { formatFileSize } from '../file-size.ts';

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
describe('readNodeFiles and certificate checks', needs('openssl'), () => {
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
  it('reports an unparseable certificate as an error at its BEGIN line and goes on', async () => {
    const files = await nodeFilesIn(bad);
    assert.deepEqual(
      files.diagnostics.map((d) => [d.file.slice(bad.length + 1), d.level, d.line, d.column]),
      [['pki/broken.crt', 'error', 1, 1]],
    );
    assert.match(files.diagnostics[0]?.message ?? '', /^certificate 0 does not parse: /);
    assert.equal(files.certificates.length, 5);
  });
});

const FIXTURE_PKI = 'testdata/checks/certificate-roles/pass/kubeadm-pki/pki';

describe('readNodeFiles and malformed or hostile files', { timeout: 20_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-pki-malformed-'));
  const at = (name: string): string => join(root, name);
  const certificate = readFileSync(join(FIXTURE_PKI, 'ca.crt'), 'utf8');
  const key = readFileSync(join(FIXTURE_PKI, 'etcd/server.key'), 'utf8');
  const body = certificate.split('\n').slice(1, -2).join('\n');
  let stopReleasing = (): void => undefined;
  before(() => {
    writeFileSync(at('good.crt'), certificate);
    writeFileSync(at('good.key'), key);
    writeFileSync(at('der.crt'), new X509Certificate(certificate).raw);
    writeFileSync(at('der.key'), createPrivateKey(key).export({ format: 'der', type: 'pkcs8' }));
    writeFileSync(at('garbage.crt'), 'bm90IGEgY2VydGlmaWNhdGUgYXQgYWxs\n');
    writeFileSync(at('garbage.key'), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00, 0xff]));
    writeFileSync(at('broken.key'), '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n');
    writeFileSync(at('truncated.crt'), `${certificate}-----BEGIN CERTIFICATE-----\n${body}\n`);
    writeFileSync(at('unterminated.pem'), '-----BEGIN CERTIFICATE-----\n'.repeat(200_000));
    makeFifo(at('fifo.crt'));
    stopReleasing = releaseFifoAfter(at('fifo.crt'), 5_000);
    symlinkSync(root, at('directory.key'));
  });
  after(() => {
    stopReleasing();
    rmSync(root, { recursive: true, force: true });
  });
  const problemsOf = (names: readonly string[], maxFileSize?: number): string[] =>
    readNodeFiles(names.map(at), maxFileSize === undefined ? {} : { maxFileSize }).diagnostics.map((d) =>
      formatDiagnostic(d).slice(root.length + 1),
    );

  it('reads good PEM and DER certificates and keys without a diagnostic', () => {
    const files = readNodeFiles(['good.crt', 'good.key', 'der.crt', 'der.key'].map(at));
    assert.deepEqual(files.diagnostics, []);
    assert.deepEqual(
      files.certificates.map((c) => c.fingerprint256),
      [new X509Certificate(certificate).fingerprint256, new X509Certificate(certificate).fingerprint256],
    );
    assert.deepEqual(
      files.privateKeys.map((k) => k.key),
      [
        { type: 'ec', bits: undefined, curve: 'prime256v1' },
        { type: 'ec', bits: undefined, curve: 'prime256v1' },
      ],
    );
  });
  it('reports base64 or DER garbage, a key that does not parse and a block cut short as errors', () => {
    const problems = problemsOf(['garbage.crt', 'garbage.key', 'broken.key', 'truncated.crt']);
    assert.deepEqual(
      problems.map((problem) => problem.replace(/(does not parse): .*/, '$1')),
      [
        'broken.key:1:1: error: private key does not parse',
        'garbage.crt: error: not a certificate: no PEM BEGIN line, and not a DER certificate',
        'garbage.key: error: not a private key: no PEM BEGIN line, and not a DER private key',
        `truncated.crt:${String(certificate.split('\n').length)}:1: error: BEGIN CERTIFICATE has no END line`,
      ],
    );
  });
  it('reads a file of 200,000 unterminated BEGIN lines in linear time, with a few errors', () => {
    const started = performance.now();
    const problems = problemsOf(['unterminated.pem']);
    assert.ok(performance.now() - started < 5_000, `took ${String(performance.now() - started)} ms`);
    assert.deepEqual(problems.slice(0, 2), [
      'unterminated.pem:1:1: error: BEGIN CERTIFICATE has no END line',
      'unterminated.pem:2:1: error: BEGIN CERTIFICATE has no END line',
    ]);
    assert.equal(problems.length, 6);
    assert.equal(
      problems[5],
      'unterminated.pem: error: more problems (199995 or more) not shown; the rest of the file is not used',
    );
  });
  it('skips a FIFO and a symbolic link to a directory with an error, and reads the good file', () => {
    const files = readNodeFiles(['fifo.crt', 'directory.key', 'good.crt'].map(at));
    assert.equal(files.certificates.length, 1);
    assert.deepEqual(
      files.diagnostics.map((d) => formatDiagnostic(d).slice(root.length + 1)),
      [
        'directory.key: error: skipped: not a regular file (directory, through a symbolic link)',
        'fifo.crt: error: skipped: not a regular file (fifo)',
      ],
    );
  });
  it('refuses a file above the cap', () => {
    assert.deepEqual(problemsOf(['good.crt', 'good.key'], 400), [
      `good.crt: error: ${formatFileSize(Buffer.byteLength(certificate))} exceeds --max-file-size 400 bytes`,
    ]);
  });
});
