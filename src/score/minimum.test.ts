// kubesec-webhook's admission rule: deny below --min-score.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMinimumScore } from './minimum.ts';

describe('minimum score for admission (controlplaneio/kubesec-webhook: deny when score < --min-score)', () => {
  const privileged = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'bad', namespace: 'shop' },
    spec: { containers: [{ name: 'app', image: 'app', securityContext: { privileged: true } }] },
  };

  it("denies below the minimum with kubesec-webhook's message, allows at it", () => {
    const denied = checkMinimumScore(privileged, 0);
    assert.equal(denied.allowed, false);
    assert.match(denied.message, /^bad score is -30, minimum accepted score is 0\nScan Result:\n\[/);
    assert.equal(checkMinimumScore(privileged, -30).allowed, true);
  });

  it("allows kinds no rule applies to, with the webhook's warning", () => {
    const verdict = checkMinimumScore({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, 5);
    assert.deepEqual(
      [verdict.allowed, verdict.supported, verdict.message],
      [true, false, 'resource kind not supported, validation skipped'],
    );
  });
});
