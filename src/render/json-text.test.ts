import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeRawJson, jsonText } from './json-text.ts';

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

  it('escapes DEL in an otherwise ASCII text, and leaves an ASCII text without it as it is', () => {
    assert.equal(escapeRawJson('{"a": "x\x7fy"}'), '{"a": "x\\u007fy"}');
    assert.equal(escapeRawJson(`${'a'.repeat(70_000)}\x7f`), `${'a'.repeat(70_000)}\\u007f`);
    const ascii = '{\n  "a": "\\u001b plain ~ text"\n}';
    assert.equal(escapeRawJson(ascii), ascii);
    assert.equal(escapeRawJson('c1 \x85 and \u2066'), 'c1 \\u0085 and \\u2066');
  });
});
