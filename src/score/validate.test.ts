// kubesec's offline schema validation: kubeconform's messages, as kubesec reports them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateObject } from './validate.ts';

describe('offline schema validation (kubeconform messages kubesec reports)', () => {
  it('reports missing kind and apiVersion keys', () => {
    assert.equal(validateObject({}), "error while parsing: missing 'kind' key");
    assert.equal(validateObject({ kind: 'Pod' }), "error while parsing: missing 'apiVersion' key");
  });

  it('has no schema for removed versions and custom resources', () => {
    assert.equal(
      validateObject({ apiVersion: 'extensions/v1beta1', kind: 'Deployment' }),
      'could not find schema for Deployment',
    );
    assert.equal(
      validateObject({ apiVersion: 'apps/v1', kind: 'Deployment2' }),
      'could not find schema for Deployment2',
    );
  });

  it('reports a missing selector and a string where an integer belongs (ruleset_test: got string, want null or integer)', () => {
    const message = validateObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: '2',
        template: { spec: { containers: [{ name: 'a', securityContext: { runAsUser: 'x' } }] } },
      },
    });
    assert.match(message ?? '', /- at '\/spec\/replicas': got string, want null or integer\n/);
    assert.match(message ?? '', /- at '\/spec': missing property 'selector'\n/);
    assert.match(
      message ?? '',
      /- at '\/spec\/template\/spec\/containers\/0\/securityContext\/runAsUser': got string, want null or integer\n$/,
    );
  });

  it('rejects unknown securityContext keys and accepts a well-formed Deployment', () => {
    const deployment = (securityContext: Record<string, unknown>) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: {}, template: { spec: { containers: [{ name: 'a', securityContext }] } } },
    });
    assert.match(
      validateObject(deployment({ fake: 'entry' })) ?? '',
      /additional properties 'fake' not allowed/,
    );
    assert.equal(validateObject(deployment({ runAsNonRoot: true })), undefined);
  });
});
