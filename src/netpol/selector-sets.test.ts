// Label selector algebra (metav1.LabelSelectorAsSelector: requirements ANDed, NotIn holds on an
// absent key) checked against selectorMatches on every label set of a small universe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Labels } from '../model/label-selector.ts';
import { selectorMatches } from '../model/label-selector.ts';
import {
  formatRequirements,
  requirementsContain,
  requirementsOf,
  requirementsOverlap,
  satisfiable,
} from './selector-sets.ts';

const SELECTORS: readonly unknown[] = [
  {},
  { matchLabels: { app: 'web' } },
  { matchLabels: { app: 'db' } },
  { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] },
  { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
  { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
  { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
  { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['1'] }] },
];

/** Every label set over keys app and tier with a value listed above or one nobody lists. */
const UNIVERSE: readonly Labels[] = ['web', 'db', 'other', undefined].flatMap((app) =>
  ['1', '2', undefined].map((tier) => ({
    ...(app === undefined ? {} : { app }),
    ...(tier === undefined ? {} : { tier }),
  })),
);

describe('label selector algebra', () => {
  it('containment and overlap agree with selectorMatches on every label set', () => {
    for (const outer of SELECTORS)
      for (const inner of SELECTORS) {
        const a = requirementsOf(outer) ?? [];
        const b = requirementsOf(inner) ?? [];
        const contains = UNIVERSE.every(
          (labels) => !selectorMatches(inner, labels) || selectorMatches(outer, labels),
        );
        const overlaps = UNIVERSE.some(
          (labels) => selectorMatches(inner, labels) && selectorMatches(outer, labels),
        );
        const pair = `${JSON.stringify(outer)} ⊇ ${JSON.stringify(inner)}`;
        assert.equal(requirementsContain(a, b), contains, pair);
        assert.equal(requirementsOverlap(a, b), overlaps, pair);
      }
  });

  it('finds contradictions: In against DoesNotExist, disjoint In sets, In emptied by NotIn', () => {
    const cases: readonly [selector: unknown, satisfiable: boolean][] = [
      [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
      [
        { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] },
        false,
      ],
      [
        {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }],
        },
        false,
      ],
      [
        {
          matchExpressions: [
            { key: 'app', operator: 'NotIn', values: ['web'] },
            { key: 'app', operator: 'Exists' },
          ],
        },
        true,
      ],
    ];
    for (const [selector, expected] of cases)
      assert.equal(satisfiable(requirementsOf(selector) ?? []), expected, JSON.stringify(selector));
  });

  it('refuses an invalid selector (unknown operator, In without values) and prints kubectl text', () => {
    assert.equal(requirementsOf({ matchExpressions: [{ key: 'a', operator: 'Like' }] }), undefined);
    assert.equal(requirementsOf({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), undefined);
    assert.equal(
      formatRequirements(
        requirementsOf({
          matchLabels: { app: 'web' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['b', 'a'] },
            { key: 'x', operator: 'NotIn', values: ['1'] },
            { key: 'y', operator: 'Exists' },
            { key: 'z', operator: 'DoesNotExist' },
          ],
        }) ?? [],
      ),
      'app=web,tier in (a,b),x!=1,y,!z',
    );
    assert.equal(formatRequirements([]), 'everything');
  });
});
