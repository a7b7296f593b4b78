import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  credentialFormatIn,
  isSecretName,
  isPlaceholder,
  looksLikeSecretValue,
  secretReason,
  shannonEntropy,
} from './credential.ts';

// Formats follow the providers' published token layouts (AWS IAM key IDs, GitHub token prefixes,
// PEM armour of RFC 7468, JWT compact serialisation of RFC 7519).
describe('credential formats', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['AKIAIOSFODNN7EXAMPLE', 'AWS access key ID'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'GitHub token'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----', 'private key'],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'JSON Web Token',
    ],
    ['postgres://app:s3cr3tP4ss@db:5432/app', 'password in a URL'],
    ['xoxb-123456789012-abcdefghij', 'Slack token'],
  ];
  for (const [value, what] of cases) {
    it(`recognises a ${what}`, () => {
      assert.equal(credentialFormatIn(value), what);
    });
  }
  it('ignores ordinary values', () => {
    for (const value of ['info', 'https://api.example.com/v1', 'postgres://db:5432/app', 'AKIA-short']) {
      assert.equal(credentialFormatIn(value), undefined, value);
    }
  });
});

describe('credential-like names', () => {
  it('matches names that hold a credential', () => {
    for (const name of ['DB_PASSWORD', 'api_key', 'GITHUB_TOKEN', 'clientSecret', 'DATABASE_DSN']) {
      assert.ok(isSecretName(name), name);
    }
  });
  it('skips names that only point at a credential', () => {
    for (const name of [
      'POSTGRES_PASSWORD_FILE',
      'TOKEN_SECRET_NAME',
      'PASSWORD_POLICY',
      'TOKEN_TTL',
      'LOG_LEVEL',
    ]) {
      assert.ok(!isSecretName(name), name);
    }
  });
});

describe('entropy guard', () => {
  it('computes Shannon entropy in bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });
  it('accepts random-looking values and rejects noise', () => {
    assert.ok(looksLikeSecretValue('hunter2!'));
    assert.ok(looksLikeSecretValue('Zx9#kLm2Qp'));
    for (const value of [
      'true',
      '3600',
      '30s',
      '${DB_PASSWORD}',
      '/run/secrets/db',
      'aaaaaaaa',
      'abc',
      'changeme',
    ]) {
      assert.ok(!looksLikeSecretValue(value), value);
    }
  });
  it('takes obvious placeholders and templates for what they are, not credentials', () => {
    for (const value of [
      'INSERT_YOUR_TOKEN_HERE',
      'insert-api-key',
      'REPLACE_ME',
      'replace_with_real_password',
      'CHANGE_ME',
      'changeit',
      'your-api-key',
      'api-key-goes-here',
      '<your password>',
      'Bearer <token>',
      '${DB_PASSWORD}',
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      '{{ .Values.db.password }}',
      '__DB_PASSWORD__',
      'placeholder',
      'dummy',
    ]) {
      assert.ok(isPlaceholder(value), value);
      assert.equal(secretReason('DB_PASSWORD', value), undefined, value);
    }
    for (const value of ['hunter2!', 'Zx9#kLm2Qp', 'insertion7Qk', 'p@ss<w0rd']) {
      assert.ok(!isPlaceholder(value), value);
    }
  });
  it('reports a known token format even inside a placeholder-looking value', () => {
    assert.equal(
      secretReason('TOKEN', 'REPLACE_ME ghp_abcdefghijklmnopqrstuvwxyz0123456789'),
      'GitHub token',
    );
  });
  it('combines names and formats', () => {
    assert.equal(secretReason('LOG_LEVEL', 'AKIAIOSFODNN7EXAMPLE'), 'AWS access key ID');
    assert.equal(secretReason('DB_PASSWORD', 'hunter2!'), 'credential-like name');
    assert.equal(secretReason('DB_PASSWORD', 'aaaaaaaa'), undefined);
  });
});
