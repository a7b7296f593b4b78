import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonErrorOffset } from './json-error.ts';

describe('jsonErrorOffset', () => {
  it('is undefined for valid JSON of every kind', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"', '0'])
      assert.equal(jsonErrorOffset(text), undefined, text);
  });

  it('points at the first character that cannot continue the text, where V8 names no position', () => {
    const cases: readonly (readonly [string, number])[] = [
      ['{"a":}', 5],
      ['{"a":1', 6],
      ['{"a":1}x', 7],
      ['nope', 1],
      ['{"a" 1}', 5],
      ['', 0],
      ['{"a":tru}', 8],
      ['["\\q"]', 3],
      ['[01]', 2],
      ['{"a":"b\n"}', 7],
      ['[1,]', 3],
    ];
    for (const [text, offset] of cases) assert.equal(jsonErrorOffset(text), offset, JSON.stringify(text));
  });
});
