import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utf8Bytes } from './utf8-bytes.ts';

describe('utf8Bytes', () => {
  it('is the UTF-8 encoding of any text: ASCII, Latin-1, other planes, lone surrogates', () => {
    const texts = [
      '',
      '{\n  "a": 1\n}\n',
      'DEL \x7f and NUL \x00',
      'café \x80 \x9b \xff',
      '\u0141\u0100 (low bytes ASCII)',
      '日本語 🚀',
      'lone \ud800 and \udfff',
      'x'.repeat(70_000),
      `${'x'.repeat(70_000)}é`,
    ];
    for (const text of texts)
      assert.deepEqual(utf8Bytes(text), Buffer.from(text, 'utf8'), JSON.stringify(text.slice(0, 40)));
  });
});
