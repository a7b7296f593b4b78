// PSA's string helpers (policy/helpers.go joinQuote, pluralize) and Go's %q and sort.Strings.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import { compareBytes, goQuote, joinQuote, pluralize, sortedSet } from './format.ts';

describe('PSA formatting helpers', () => {
  it('joinQuote quotes without escaping and gives "" for nothing', () => {
    assert.equal(joinQuote(['a', 'b"c']), '"a", "b"c"');
    assert.equal(joinQuote([]), '');
  });

  it('pluralize switches on exactly one', () => {
    assert.deepEqual(
      [0, 1, 2].map((n) => pluralize('container', 'containers', n)),
      ['containers', 'container', 'containers'],
    );
  });

  it('goQuote escapes quotes, backslashes and control characters as Go %q does', () => {
    assert.equal(goQuote('unconfined'), '"unconfined"');
    assert.equal(goQuote('a"b\\c\nd\te\u0000'), '"a\\"b\\\\c\\nd\\te\\x00"');
    assert.equal(goQuote('héllo'), '"héllo"');
  });

  it('sorts byte-wise in UTF-8 and removes duplicates, as sets.String.List()', () => {
    assert.deepEqual(sortedSet(['b', 'B', 'a', 'b', '_']), ['B', '_', 'a', 'b']);
    assert.ok(compareBytes('\uffff', '\u{1f600}') < 0);
    const samples = [
      '',
      'a',
      'Z',
      'é',
      'z',
      '\ue000',
      '\u{10000}',
      '\u{1f600}',
      '\ud800',
      'ab',
      'a\u{1f600}',
    ];
    for (const a of samples)
      for (const b of samples)
        assert.equal(
          Math.sign(compareBytes(a, b)),
          Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))),
          `${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
        );
  });
});
