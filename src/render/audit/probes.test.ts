import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTerminalSafe } from '../../testing/terminal-safety.ts';
import { renderProbeTable } from './probes.ts';

describe('audit probe table', () => {
  it('escapes the target and a message that quotes a server answer', () => {
    const text = renderProbeTable([
      {
        probe: 'apiserver-anonymous',
        target: 'https://10.0.0.1:6443\u202e',
        verdict: 'fail',
        message: 'anonymous GET answered 200: "ok\r\x1b[2KPASS  all fine\x9b1A"',
        evidence: [],
      },
    ]);
    assertTerminalSafe(text);
    assert.equal(
      text.split('\n')[1],
      'FAIL      apiserver-anonymous   https://10.0.0.1:6443\\u202e   anonymous GET answered 200: "ok\\r\\x1b[2KPASS  all fine\\x9b1A"',
    );
  });
});
