// The API server verifies the serving certificate against caBundle and needs a SAN for <svc>.<ns>.svc
// (kubernetes/apiserver pkg/util/webhook; CN-only certificates rejected since Kubernetes 1.19 / Go 1.15).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { needs } from '../testing/tools.ts';
import { certificateProblems, issueCertificates, serviceDnsNames, writeCertificates } from './cert.ts';

describe('webhook cert', () => {
  it('issues a CA and a serving certificate naming every Service DNS name', () => {
    const issued = issueCertificates({
      service: 'wh',
      namespace: 'sec',
      days: 30,
      extraNames: ['127.0.0.1'],
    });
    assert.deepEqual(certificateProblems(issued, 'wh', 'sec'), []);
    const leaf = new X509Certificate(issued.cert);
    for (const name of serviceDnsNames('wh', 'sec')) assert.equal(leaf.checkHost(name), name);
    assert.equal(leaf.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(leaf.ca, false);
    assert.equal(new X509Certificate(issued.caCert).ca, true);
    assert.ok(Date.parse(leaf.validTo) - Date.now() < 31 * 24 * 3600 * 1000);
    assert.match(issued.key, /-----BEGIN PRIVATE KEY-----/);
  });

  it('reports a certificate for another Service or from another CA', () => {
    const one = issueCertificates({ service: 'wh', namespace: 'sec', days: 1, extraNames: [] });
    const two = issueCertificates({ service: 'wh', namespace: 'sec', days: 1, extraNames: [] });
    assert.deepEqual(certificateProblems(one, 'other', 'sec'), [
      'serving certificate does not name other.sec.svc',
    ]);
    assert.deepEqual(certificateProblems({ ...one, caCert: two.caCert }, 'wh', 'sec'), [
      'serving certificate is not signed by the CA',
    ]);
    assert.deepEqual(certificateProblems({ ...one, key: two.key }, 'wh', 'sec'), [
      'key does not match the serving certificate',
    ]);
  });

  it('refuses a subject alternative name that is not a DNS name or IP address, such as one with a newline', () => {
    for (const san of [
      'evil\nbasicConstraints=critical,CA:TRUE',
      'a b',
      'x,DNS:y',
      '',
      'a..b',
      `${'a'.repeat(64)}.io`,
    ])
      assert.throws(
        () => issueCertificates({ service: 'wh', namespace: 'sec', days: 1, extraNames: [san] }),
        /--san: .* is neither a DNS name nor an IP address/,
        JSON.stringify(san),
      );
    const issued = issueCertificates({
      service: 'wh',
      namespace: 'sec',
      days: 1,
      extraNames: ['*.example.com', 'localhost', '::1', '10.0.0.1'],
    });
    const leaf = new X509Certificate(issued.cert);
    assert.equal(leaf.checkIP('::1'), '::1');
    assert.equal(leaf.checkHost('api.example.com'), '*.example.com');
  });

  it('writes tls.key 0600 over an existing file and replaces a planted symlink instead of writing through it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cert-'));
    try {
      const victim = join(dir, 'victim');
      writeFileSync(victim, 'untouched');
      writeFileSync(join(dir, 'tls.key'), 'old', { mode: 0o644 });
      symlinkSync(victim, join(dir, 'tls.crt'));
      const issued = issueCertificates({ service: 'wh', namespace: 'sec', days: 1, extraNames: [] });
      await writeCertificates(dir, issued);
      assert.equal(statSync(join(dir, 'tls.key')).mode & 0o777, 0o600);
      assert.equal(readFileSync(join(dir, 'tls.key'), 'utf8'), issued.key);
      assert.equal(lstatSync(join(dir, 'tls.crt')).isSymbolicLink(), false);
      assert.equal(readFileSync(victim, 'utf8'), 'untouched');
      assert.equal(statSync(join(dir, 'ca.crt')).mode & 0o777, 0o644);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'issues certificates that OpenSSL parses and verifies, with the extensions a webhook needs',
    needs('openssl'),
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubeward-cert-'));
      try {
        const issued = issueCertificates({
          service: 'wh',
          namespace: 'sec',
          days: 2,
          extraNames: ['10.1.2.3'],
        });
        writeFileSync(join(dir, 'ca.crt'), issued.caCert);
        writeFileSync(join(dir, 'tls.crt'), issued.cert);
        const verify = execFileSync(
          'openssl',
          [
            'verify',
            '-x509_strict',
            '-purpose',
            'sslserver',
            '-CAfile',
            join(dir, 'ca.crt'),
            join(dir, 'tls.crt'),
          ],
          { encoding: 'utf8' },
        );
        assert.match(verify, /: OK$/m);
        const text = execFileSync('openssl', ['x509', '-noout', '-text', '-in', join(dir, 'tls.crt')], {
          encoding: 'utf8',
        });
        assert.match(text, /Basic Constraints: critical\s+CA:FALSE/);
        assert.match(text, /Key Usage: critical\s+Digital Signature/);
        assert.match(text, /Extended Key Usage: \s*TLS Web Server Authentication/);
        assert.match(text, /DNS:wh\.sec\.svc, DNS:wh\.sec\.svc\.cluster\.local, IP Address:10\.1\.2\.3/);
        const ca = execFileSync('openssl', ['x509', '-noout', '-text', '-in', join(dir, 'ca.crt')], {
          encoding: 'utf8',
        });
        assert.match(ca, /CA:TRUE, pathlen:0/);
        assert.match(ca, /Certificate Sign, CRL Sign/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
