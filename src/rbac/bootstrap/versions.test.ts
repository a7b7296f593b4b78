import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOOTSTRAP_POLICY_1_36 } from './v1.36.ts';
import { BOOTSTRAP_POLICIES, bootstrapPolicyFor, unknownKubernetesVersion } from './versions.ts';

describe('bootstrap policy per Kubernetes version', () => {
  it('lists the tables oldest first, one per minor, each citing a full commit per golden file', () => {
    const minors = BOOTSTRAP_POLICIES.map((policy) => Number(policy.kubernetesVersion.split('.')[1]));
    assert.deepEqual(
      minors,
      [...new Set(minors)].sort((a, b) => a - b),
    );
    for (const policy of BOOTSTRAP_POLICIES) {
      assert.ok(policy.sources.length > 0);
      for (const source of policy.sources) assert.match(source.commit, /^[0-9a-f]{40}$/);
    }
  });

  it('picks the table of the minor, or of the nearest older minor; latest is the newest', () => {
    for (const version of ['latest', '1.36', 'v1.36', 'v1.36.0', '1.36.4', 'v1.36.0-rc.1', '1.37', 'v1.40.2'])
      assert.equal(bootstrapPolicyFor(version), BOOTSTRAP_POLICY_1_36, version);
    assert.equal(bootstrapPolicyFor('latest'), BOOTSTRAP_POLICIES.at(-1));
  });

  it('rejects versions older than every table and malformed ones', () => {
    for (const version of ['1.35', 'v1.2.0', '2.0', '1', '1.036', 'v1.x', '', 'newest', '1.36.'])
      assert.equal(bootstrapPolicyFor(version), undefined, version);
    assert.equal(
      unknownKubernetesVersion('1.35'),
      'Kubernetes version "1.35" has no bootstrap policy table: give "latest" or 1.N (v1.N.P) from 1.36 on (tables: 1.36; a version between two uses the older)',
    );
  });
});
