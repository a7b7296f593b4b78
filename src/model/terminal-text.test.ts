import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControls } from './terminal-text.ts';

describe('escapeControls', () => {
  it('makes a line-forging value visible: CR, ESC sequences, LF', () => {
    assert.equal(escapeControls('x\r\x1b[2K\x1b[1Aall clear'), 'x\\r\\x1b[2K\\x1b[1Aall clear');
    assert.equal(escapeControls('a\nb.yaml'), 'a\\nb.yaml');
  });

  it('escapes every C0 control, DEL and every C1 control', () => {
    for (let code = 0; code < 0xa0; code++) {
      if (code >= 0x20 && code < 0x7f) continue;
      const escaped = escapeControls(String.fromCharCode(code));
      assert.match(escaped, /^\\(x[0-9a-f]{2}|[tnr])$/, `U+${code.toString(16)}`);
    }
    assert.equal(escapeControls('\t\x00\x07\x08\x7f\x85\x9b'), '\\t\\x00\\x07\\x08\\x7f\\x85\\x9b');
  });

  it('escapes bidi overrides and isolates (Trojan Source)', () => {
    assert.equal(
      escapeControls('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'),
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    );
  });

  it('leaves ordinary text alone: accents, CJK, emoji, backslashes, NBSP', () => {
    const text = 'café 日本語 🚀 C:\\path\u00a0x \u2028';
    assert.equal(escapeControls(text), text);
  });

  it('keeps line feeds only when asked', () => {
    assert.equal(escapeControls('a\nb\r\x1b', { keepLineFeeds: true }), 'a\nb\\r\\x1b');
    assert.equal(escapeControls('a\nb', { keepLineFeeds: false }), 'a\\nb');
  });

  it('is idempotent: what it returns has nothing left to escape', () => {
    const once = escapeControls('\x1b[31mred\x1b[0m\u202e');
    assert.equal(escapeControls(once), once);
  });
});
