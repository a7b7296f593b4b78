import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TtlCache } from './ttl-cache.ts';

describe('TtlCache', () => {
  it('answers fresh within the time to live, stale after it, and fresh again once set', () => {
    let now = 1000;
    const cache = new TtlCache<string>({ capacity: 10, ttlMs: 500, now: () => now });
    assert.equal(cache.get('a'), undefined);
    cache.set('a', 'sha256:1');
    now += 499;
    assert.deepEqual(cache.get('a'), { value: 'sha256:1', fresh: true });
    now += 1;
    assert.deepEqual(cache.get('a'), { value: 'sha256:1', fresh: false });
    now += 60_000;
    assert.deepEqual(cache.get('a'), { value: 'sha256:1', fresh: false }, 'kept stale until evicted');
    cache.set('a', 'sha256:2');
    assert.deepEqual(cache.get('a'), { value: 'sha256:2', fresh: true });
  });

  it('keeps at most its capacity, evicting the least recently used', () => {
    const cache = new TtlCache<number>({ capacity: 2, ttlMs: 1000, now: () => 0 });
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a')?.value, 1);
    cache.set('c', 3);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined, 'b was used least recently');
    assert.equal(cache.get('a')?.value, 1);
    assert.equal(cache.get('c')?.value, 3);
  });
});
