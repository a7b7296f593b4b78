// Admission of pods and controllers as kubernetes/pod-security-admission admission/admission.go does it:
// pods are denied by enforce and only then warned; controllers are warned, never denied.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admit } from './admission.ts';
import { policyToEvaluate } from './namespace-policy.ts';

const PRIVILEGED_POD = {
  metadata: {},
  spec: { containers: [{ name: 'app', securityContext: { privileged: true } }] },
};
const BARE_POD = { metadata: {}, spec: { containers: [{ name: 'app' }] } };
const policy = (labels: Record<string, string>) => policyToEvaluate(labels).policy;

describe('admission (admission/admission.go EvaluatePod)', () => {
  it('denies a pod that fails enforce and sends no warning with the denial', () => {
    const verdict = admit(
      policy({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
      }),
      PRIVILEGED_POD,
      true,
    );
    assert.equal(
      verdict.denied,
      'violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );
    assert.deepEqual(verdict.warnings, []);
  });

  it('warns about an admitted pod that fails warn', () => {
    const verdict = admit(
      policy({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.21',
      }),
      BARE_POD,
      true,
    );
    assert.equal(verdict.denied, undefined);
    assert.deepEqual(verdict.warnings, [
      'would violate PodSecurity "restricted:v1.21": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it('never denies a controller, warns it, and reports the enforce error its pods would get', () => {
    const verdict = admit(
      policy({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'baseline',
      }),
      PRIVILEGED_POD,
      false,
    );
    assert.equal(verdict.denied, undefined);
    assert.equal(
      verdict.podsDenied,
      'violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    );
    assert.deepEqual(verdict.warnings, [
      'would violate PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)',
    ]);
  });

  it('admits anything in an unlabelled namespace', () => {
    assert.deepEqual(admit(policy({}), PRIVILEGED_POD, true), {
      denied: undefined,
      podsDenied: undefined,
      warnings: [],
    });
  });
});
