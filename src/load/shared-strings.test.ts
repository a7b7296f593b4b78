import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shared } from './shared-strings.ts';

describe('shared', () => {
  it('gives back the same text for short and long strings, met once or many times', () => {
    const long = 'x'.repeat(100);
    for (const value of ['', 'TCP', 'ClusterIP', 'TCP', long, long, 'a'.repeat(32)])
      assert.equal(shared(value), value);
  });
  it('keeps giving back the same text once the pool has started over', () => {
    const values = Array.from({ length: 40_000 }, (_, i) => `v${String(i)}`);
    assert.deepEqual(
      values.map((value) => shared(value)),
      values,
    );
    assert.equal(shared('v1'), 'v1');
  });
});
