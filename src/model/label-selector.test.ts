import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSelectorMatches, selectorMatches } from './label-selector.ts';

// Semantics: k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector and
// k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches.
describe('metav1.LabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };

  it('an empty selector selects everything', () => {
    assert.equal(selectorMatches({}, labels), true);
    assert.equal(selectorMatches({}, {}), true);
  });

  it('matchLabels must all hold', () => {
    assert.equal(selectorMatches({ matchLabels: { app: 'web' } }, labels), true);
    assert.equal(selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels), false);
  });

  it('In needs the key present with a listed value', () => {
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, labels),
      true,
    );
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels),
      false,
    );
  });

  it('NotIn holds when the key is absent or its value is not listed', () => {
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels),
      true,
    );
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, labels),
      false,
    );
  });

  it('Exists and DoesNotExist test presence only', () => {
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels), true);
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels),
      false,
    );
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels),
      true,
    );
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const selector = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }],
    };
    assert.equal(selectorMatches(selector, labels), false);
  });

  it('an invalid selector selects nothing (the API server would refuse it)', () => {
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, labels),
      false,
    );
    assert.equal(
      selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, labels),
      false,
    );
    assert.equal(selectorMatches('app=web', labels), false);
  });
});

describe('map selectors (Service spec.selector)', () => {
  it('all pairs must match', () => {
    assert.equal(mapSelectorMatches({ app: 'web' }, { app: 'web', x: 'y' }), true);
    assert.equal(mapSelectorMatches({ app: 'web', x: 'z' }, { app: 'web', x: 'y' }), false);
  });
});
