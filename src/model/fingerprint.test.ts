import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from './finding.ts';
import { fingerprint } from './fingerprint.ts';

const base: Finding = {
  checkId: 'privileged',
  severity: 'critical',
  theme: 'linux',
  message: 'container "app" is privileged',
  remediation: '',
  object: { apiVersion: 'v1', kind: 'Pod', namespace: 'web', name: 'api' },
  resource: undefined,
  path: ['containers', 0, 'securityContext', 'privileged'],
  suppressed: undefined,
};

test('a fingerprint ignores the message and severity, so rewording a check keeps it', () => {
  assert.equal(fingerprint(base), fingerprint({ ...base, message: 'other words', severity: 'high' }));
  assert.match(fingerprint(base), /^[0-9a-f]{32}$/);
});

test('a fingerprint changes with the check, the object or the field path', () => {
  const others: readonly Finding[] = [
    { ...base, checkId: 'host-pid' },
    { ...base, object: { ...base.object, namespace: 'api' } },
    { ...base, object: { ...base.object, name: 'api2' } },
    { ...base, object: { ...base.object, kind: 'Deployment' } },
    { ...base, path: ['containers', 1, 'securityContext', 'privileged'] },
  ];
  const prints = new Set([base, ...others].map(fingerprint));
  assert.equal(prints.size, others.length + 1);
});
