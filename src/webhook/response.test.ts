// AdmissionResponse shape: kubernetes/api admission/v1/types.go. Warnings: the API server advises
// under 120 characters each and truncates long lists (apiserver pkg/admission/plugin/webhook/validating).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../model/finding.ts';
import type { Verdict } from './evaluate.ts';
import { MAX_LISTED_VIOLATIONS, MAX_WARNING_LENGTH, MAX_WARNINGS, admissionResponse } from './response.ts';

function finding(checkId: string, message: string): Finding {
  return {
    checkId,
    severity: 'high',
    theme: 'linux',
    message,
    remediation: '',
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'b' },
    resource: undefined,
    path: [],
    suppressed: undefined,
  };
}

const EMPTY: Verdict = {
  allowed: true,
  violations: [],
  warnings: [],
  policyViolations: [],
  policyWarnings: [],
  policyAudits: [],
  suppressed: 0,
  score: undefined,
  scoreViolation: undefined,
  skipped: undefined,
  invalid: undefined,
};

describe('admissionResponse', () => {
  it('echoes the uid and sets only allowed and the findings count on a clean object', () => {
    assert.deepEqual(admissionResponse('u1', EMPTY), {
      uid: 'u1',
      allowed: true,
      auditAnnotations: { findings: '0' },
    });
  });

  it('lists the violations in a 403 status and names the denying checks in the audit annotations', () => {
    const violations = Array.from({ length: MAX_LISTED_VIOLATIONS + 2 }, (_, i) =>
      finding(`c${String(i % 2)}`, `m${String(i)}`),
    );
    const response = admissionResponse('u2', { ...EMPTY, allowed: false, violations });
    assert.equal(response.status?.code, 403);
    assert.match(response.status.message, /^kubeward: 22 violations: \[c0\] m0; \[c1\] m1; /);
    assert.match(response.status.message, /; and 2 more$/);
    assert.deepEqual(response.auditAnnotations, { findings: '22', 'denied-by': 'c0,c1' });
  });

  it('clips long warnings and caps their number', () => {
    const warnings = Array.from({ length: MAX_WARNINGS + 5 }, () => finding('w', 'x'.repeat(300)));
    const response = admissionResponse('u3', { ...EMPTY, warnings });
    assert.equal(response.warnings?.length, MAX_WARNINGS + 1);
    assert.ok(response.warnings.every((warning) => warning.length <= MAX_WARNING_LENGTH));
    assert.equal(response.warnings.at(-1), 'and 5 more kubeward warnings');
  });

  it('answers an unusable object with 400 and a skipped operation with a bare allow', () => {
    const invalid = admissionResponse('u4', { ...EMPTY, allowed: false, invalid: 'no kind' });
    assert.deepEqual(invalid.status, { code: 400, reason: 'BadRequest', message: 'no kind' });
    assert.deepEqual(admissionResponse('u5', { ...EMPTY, skipped: 'DELETE' }), { uid: 'u5', allowed: true });
  });

  it('adds the score to the audit annotations and the denial', () => {
    const response = admissionResponse('u6', {
      ...EMPTY,
      allowed: false,
      score: -3,
      scoreViolation: 'score -3 is below the minimum 0',
    });
    assert.equal(response.auditAnnotations?.score, '-3');
    assert.equal(
      response.status?.message,
      'kubeward: 1 violation: [kubesec-score] score -3 is below the minimum 0',
    );
  });
});
