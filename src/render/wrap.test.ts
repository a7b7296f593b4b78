import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayWidth, wrapLine } from './wrap.ts';

describe('displayWidth', () => {
  it('counts wide characters 2, combining marks and colour codes 0, in a text of any length', () => {
    assert.equal(displayWidth('漢字 e\u0301 \x1b[31mred\x1b[39m'), 10);
    const long = `${'a\u0301'.repeat(300)}${'👩‍👩‍👧'.repeat(100)}\x1b[2m${'漢'.repeat(200)}\x1b[22m${'🇫🇷'.repeat(70)}`;
    assert.equal(displayWidth(long), 300 + 200 + 400 + 140);
  });

  it('measures 500,000 non-ASCII characters in linear time', () => {
    const started = performance.now();
    assert.equal(displayWidth('é'.repeat(500_000)), 500_000);
    assert.ok(performance.now() - started < 20_000);
  });
});

describe('wrapLine', () => {
  it('wraps at spaces, keeps the indent on the first line and breaks a word wider than the column', () => {
    assert.deepEqual(wrapLine('  one two three', 9), ['  one two', 'three']);
    assert.deepEqual(wrapLine('id abcdefghij', 4), ['id', 'abcd', 'efgh', 'ij']);
    assert.deepEqual(wrapLine('short', 9), ['short']);
  });

  it('keeps grapheme clusters whole when it breaks a long word', () => {
    const family = '👩‍👩‍👧';
    assert.deepEqual(wrapLine(`${'x'.repeat(255)}${family}${'e\u0301'.repeat(300)}`, 256), [
      'x'.repeat(255),
      `${family}${'e\u0301'.repeat(254)}`,
      'e\u0301'.repeat(46),
    ]);
  });

  it('breaks a word into 200,000 lines (its pieces are never spread into a call)', () => {
    const lines = wrapLine(`sha256:${'0123456789abcdef'.repeat(25_000)}`, 2);
    assert.equal(lines.length, 200_004);
    assert.deepEqual([lines[0], lines[3], lines[4], lines.at(-1)], ['sh', ':0', '12', 'f']);
  });
});
