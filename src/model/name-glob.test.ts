import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameGlob } from './name-glob.ts';
import { nearNames } from './near-names.ts';

describe('nameGlob', () => {
  it('matches whole names, * for any run and ? for one character', () => {
    const ids = ['pss-privileged', 'pss-host-ports', 'rbac-pod-exec', 'pss.x'];
    assert.deepEqual(ids.filter(nameGlob('pss-*')), ['pss-privileged', 'pss-host-ports']);
    assert.deepEqual(ids.filter(nameGlob('*-po?t?')), ['pss-host-ports']);
    assert.deepEqual(ids.filter(nameGlob('pss-privileged')), ['pss-privileged']);
    assert.deepEqual(ids.filter(nameGlob('pss')), [], 'no prefix match');
    assert.deepEqual(ids.filter(nameGlob('pss.*')), ['pss.x'], 'a dot is literal');
    assert.deepEqual(ids.filter(nameGlob('*')), ids);
  });
});

describe('nearNames', () => {
  it('puts typos first, then names sharing a word', () => {
    const ids = ['pss-privileged', 'pss-host-ports', 'rbac-pod-exec', 'naked-pod'];
    assert.deepEqual(nearNames(ids, 'pss-privilegd'), ['pss-privileged', 'pss-host-ports']);
    assert.deepEqual(nearNames(ids, 'pod'), ['rbac-pod-exec', 'naked-pod']);
    assert.deepEqual(nearNames(ids, 'zzz-qqq'), []);
  });
});
