import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWithin, normaliseHostPath } from './host-paths.ts';

// The kubelet cleans hostPath.path like filepath.Clean before mounting (pkg/volume/hostpath).
describe('host paths', () => {
  it('normalises repeated and trailing slashes', () => {
    assert.equal(normaliseHostPath('//var//run/docker.sock/'), '/var/run/docker.sock');
    assert.equal(normaliseHostPath('/'), '/');
    assert.equal(normaliseHostPath(''), '/');
  });
  it('matches a directory and what lies below it, not a sibling with the same prefix', () => {
    assert.ok(isWithin('/etc/kubernetes/pki', '/etc'));
    assert.ok(isWithin('/etc', '/etc'));
    assert.ok(!isWithin('/etcd-data', '/etc'));
  });
});
