import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmlAttributes, xmlEscape } from './xml.ts';

describe('xmlEscape', () => {
  it('escapes the five XML specials', () => {
    assert.equal(xmlEscape(`a & b <c> "d" 'e'`), 'a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  it('drops lone surrogates, U+FFFE and U+FFFF, which XML 1.0 forbids', () => {
    assert.equal(xmlEscape('x\uD800y\uDFFFz\uFFFE\uFFFF'), 'xyz');
    assert.equal(xmlEscape('pair \uD83D\uDE00 kept, \uFFFD kept'), 'pair \uD83D\uDE00 kept, \uFFFD kept');
  });

  it('makes control characters and bidi overrides visible, keeping LF for the text lines', () => {
    assert.equal(
      xmlEscape('a\x00b\x08c\x1b[2Kd\x7fe\x9bf\u202eg'),
      'a\\x00b\\x08c\\x1b[2Kd\\x7fe\\x9bf\\u202eg',
    );
    assert.equal(xmlEscape('tab\tlf\ncr\r'), 'tab\\tlf\ncr\\r');
  });

  it('writes only the attributes that have a value, escaped', () => {
    assert.equal(xmlAttributes({ name: 'a<b', tests: 2, file: undefined }), ' name="a&lt;b" tests="2"');
  });

  it('keeps an attribute on one line: LF is escaped too', () => {
    assert.equal(xmlAttributes({ message: 'a\nb\x1b[1A' }), ' message="a\\nb\\x1b[1A"');
  });
});
