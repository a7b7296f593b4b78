import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonText } from './json-text.ts';

describe('jsonText', () => {
  it('escapes DEL, C1 controls and bidi overrides as JSON does C0, and reads back the same data', () => {
    const value = { name: 'a\x1b[2K\x7f\x9b2K\u202eb\u2069', plain: 'café 日本語 🚀' };
    const text = jsonText(value);
    assert.equal(
      text,
      '{\n  "name": "a\\u001b[2K\\u007f\\u009b2K\\u202eb\\u2069",\n  "plain": "café 日本語 🚀"\n}\n',
    );
    assert.deepEqual(JSON.parse(text), value);
  });
});
