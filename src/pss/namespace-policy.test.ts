// Namespace labels as kubernetes/pod-security-admission api/helpers.go PolicyToEvaluate resolves them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLevelVersion } from './evaluate.ts';
import { policyToEvaluate } from './namespace-policy.ts';
import { parsePolicyVersion } from './version.ts';

const summary = (labels: Record<string, string>) => {
  const { policy, errors } = policyToEvaluate(labels);
  return {
    enforce: formatLevelVersion(policy.enforce),
    audit: formatLevelVersion(policy.audit),
    warn: formatLevelVersion(policy.warn),
    errors: errors.map((error) => error.message),
  };
};

describe('namespace policy (api/helpers.go PolicyToEvaluate)', () => {
  it('defaults every mode to privileged:latest', () => {
    assert.deepEqual(summary({ 'kubernetes.io/metadata.name': 'shop' }), {
      enforce: 'privileged:latest',
      audit: 'privileged:latest',
      warn: 'privileged:latest',
      errors: [],
    });
  });

  it('reads level and version labels per mode', () => {
    assert.deepEqual(
      summary({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.30',
        'pod-security.kubernetes.io/warn': 'restricted',
      }),
      { enforce: 'baseline:v1.30', audit: 'privileged:latest', warn: 'restricted:latest', errors: [] },
    );
  });

  it('fails closed for an invalid enforce level and open for audit and warn', () => {
    assert.deepEqual(
      summary({
        'pod-security.kubernetes.io/enforce': 'Restricted',
        'pod-security.kubernetes.io/warn': 'strict',
        'pod-security.kubernetes.io/audit-version': 'v1.030',
      }),
      {
        enforce: 'restricted:latest',
        audit: 'privileged:latest',
        warn: 'privileged:latest',
        errors: [
          'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "Restricted": must be one of privileged, baseline, restricted',
          'metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "v1.030": must be "latest" or "v1.x"',
          'metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "strict": must be one of privileged, baseline, restricted',
        ],
      },
    );
  });

  it('parses versions as ParseVersion: v1.N without leading zeros, or latest', () => {
    assert.deepEqual(
      ['latest', 'v1.0', 'v1.37', 'v1.99', 'v1.030', 'v2.0', '1.30', 'v1.', 'Latest'].map(parsePolicyVersion),
      ['latest', 0, 37, 99, undefined, undefined, undefined, undefined, undefined],
    );
  });
});
