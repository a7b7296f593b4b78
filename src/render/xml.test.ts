import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmlAttributes, xmlEscape } from './xml.ts';

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    assert.equal(xmlEscape(`a & b <c> "d" 'e'`), 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  it('drops what XML 1.0 forbids (C0 controls but TAB, LF, CR; lone surrogates; U+FFFE, U+FFFF)', () => {
    assert.equal(xmlEscape('a\x00b\x01c\x08d\x0be\x0cf\x1fg\x7fh'), 'abcdef g\x7fh'.replace(' ', ''));
    assert.equal(xmlEscape('tab\tlf\ncr\r'), 'tab\tlf\ncr\r');
    assert.equal(xmlEscape('x\uD800y\uDFFFz\uFFFE\uFFFF'), 'xyz');
    assert.equal(xmlEscape('pair \uD83D\uDE00 kept, \uFFFD kept'), 'pair \uD83D\uDE00 kept, \uFFFD kept');
  });

  it('writes only the attributes that have a value, escaped', () => {
    assert.equal(xmlAttributes({ name: 'a<b', tests: 2, file: undefined }), ' name="a&lt;b" tests="2"');
  });
});
