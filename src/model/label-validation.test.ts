// The API server's label rules: k8s.io/apimachinery/pkg/util/validation/validation.go (IsQualifiedName,
// IsValidLabelValue) and pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  labelKeyErrors,
  labelMapProblems,
  labelSelectorProblems,
  labelValueErrors,
} from './label-validation.ts';

describe('label validation', () => {
  it('accepts the keys and values the API server accepts', () => {
    for (const key of [
      'app',
      'app.kubernetes.io/name',
      'kubernetes.io/metadata.name',
      'A_b-c.d',
      'x'.repeat(63),
    ])
      assert.deepEqual(labelKeyErrors(key), [], key);
    for (const value of ['', 'web', 'v1.2_3-x', 'x'.repeat(63)])
      assert.deepEqual(labelValueErrors(value), [], value);
  });

  it('refuses app@b, $x, a leading dash, an upper-case prefix, two slashes and over-long parts', () => {
    assert.match(
      labelKeyErrors('app@b')[0] ?? '',
      /^label key "app@b": name part must consist of alphanumeric/,
    );
    assert.match(
      labelValueErrors('$x')[0] ?? '',
      /^label value "\$x" must be empty or consist of alphanumeric/,
    );
    assert.match(labelValueErrors('-web')[0] ?? '', /must start and end with an alphanumeric character/);
    assert.match(
      labelKeyErrors('Example.com/app')[0] ?? '',
      /prefix part must be a lowercase RFC 1123 subdomain/,
    );
    assert.match(labelKeyErrors('a/b/c')[0] ?? '', /at most one "\/"/);
    assert.deepEqual(labelKeyErrors('/app'), ['label key "/app": prefix part must be non-empty']);
    assert.deepEqual(labelKeyErrors('x'.repeat(64)), [
      `label key "${'x'.repeat(64)}": name part must be no more than 63 characters`,
    ]);
    assert.deepEqual(labelValueErrors('v'.repeat(64)), [
      `label value "${'v'.repeat(64)}" must be no more than 63 characters`,
    ]);
  });

  it('locates problems in a label map and in a selector', () => {
    assert.deepEqual(labelMapProblems({ app: 'web' }, ['metadata', 'labels']), []);
    assert.deepEqual(
      labelMapProblems({ tier: 3 }, ['metadata', 'labels']).map((problem) => problem.path),
      [['metadata', 'labels', 'tier']],
    );
    assert.deepEqual(
      labelSelectorProblems({ matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }, []),
      [],
    );
    assert.deepEqual(
      labelSelectorProblems(
        {
          matchExpressions: [
            { key: 'app', operator: 'In', values: [] },
            { key: 'app', operator: 'Exists', values: ['a'] },
            { key: 'app', operator: 'Has' },
            { key: 'app', operator: 'NotIn', values: ['$x'] },
          ],
        },
        ['spec', 'podSelector'],
      ).map((problem) => `${problem.path.join('.')}: ${problem.message}`),
      [
        'spec.podSelector.matchExpressions.0.values: values must be non-empty when operator is In',
        'spec.podSelector.matchExpressions.1.values: values must be empty when operator is Exists',
        'spec.podSelector.matchExpressions.2.operator: operator "Has" is not one of In, NotIn, Exists, DoesNotExist',
        `spec.podSelector.matchExpressions.3.values.0: ${labelValueErrors('$x')[0] ?? ''}`,
      ],
    );
  });
});
