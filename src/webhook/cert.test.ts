// The API server verifies the serving certificate against caBundle and needs a SAN for <svc>.<ns>.svc
// (kubernetes/apiserver pkg/util/webhook; CN-only certificates rejected since Kubernetes 1.19 / Go 1.15).
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { needs } from '../testing/tools.ts';
import { certificateProblems, issueCertificates, serviceDnsNames } from './cert.ts';

describe('webhook cert', needs('openssl'), () => {
  it('issues a CA and a serving certificate naming every Service DNS name', async () => {
    const issued = await issueCertificates({
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

  it('reports a certificate for another Service or from another CA', async () => {
    const one = await issueCertificates({ service: 'wh', namespace: 'sec', days: 1, extraNames: [] });
    const two = await issueCertificates({ service: 'wh', namespace: 'sec', days: 1, extraNames: [] });
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
});
