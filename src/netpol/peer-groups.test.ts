// Peer groups: pod classes that no rule's class set tells apart share one group.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peerGroups } from './peer-groups.ts';

const set = (...bits: number[]): Uint8Array => Uint8Array.from(bits);

describe('peerGroups', () => {
  it('puts classes in the same sets with the same key in one group', () => {
    const { groups, count } = peerGroups([set(1, 1, 0, 0), set(1, 1, 1, 0)], [0, 0, 0, 0]);
    assert.deepEqual([...groups], [0, 0, 1, 2]);
    assert.equal(count, 3);
  });

  it('splits classes that one set tells apart, even when every other set agrees', () => {
    const { groups, count } = peerGroups([set(1, 1, 1), set(0, 1, 0), set(1, 1, 1)], [0, 0, 0]);
    assert.deepEqual([...groups], [0, 1, 0]);
    assert.equal(count, 2);
  });

  it('splits classes in the same sets whose keys differ', () => {
    const { groups, count } = peerGroups([set(1, 1, 0)], [3, 5, 3]);
    assert.deepEqual([...groups], [0, 1, 2]);
    assert.equal(count, 3);
  });

  it('counts the same set given twice once', () => {
    const shared = set(0, 1);
    const { groups, count } = peerGroups([shared, shared], [0, 0]);
    assert.deepEqual([...groups], [0, 1]);
    assert.equal(count, 2);
  });

  it('keeps every class in one group without sets', () => {
    const { groups, count } = peerGroups([], [7, 7, 7]);
    assert.deepEqual([...groups], [0, 0, 0]);
    assert.equal(count, 1);
  });
});
