import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTerminalSafe } from './terminal-safety.ts';

describe('assertTerminalSafe', () => {
  it('accepts text, line feeds and SGR colour codes', () => {
    assertTerminalSafe('\x1b[1m\x1b[31mbold red\x1b[39m\x1b[22m\nnext line 日本語 🚀\n');
  });

  it('rejects CR, cursor movement, OSC, TAB, DEL, C1 controls and bidi overrides', () => {
    for (const bad of [
      'a\rb',
      '\x1b[2K',
      '\x1b[1A',
      '\x1b]0;t\x07',
      'a\tb',
      '\x7f',
      '\x9b2K',
      '\u202e',
      '\u2066',
    ])
      assert.throws(
        () => {
          assertTerminalSafe(`ok ${bad} ok`);
        },
        /raw U\+/,
        JSON.stringify(bad),
      );
  });
});
