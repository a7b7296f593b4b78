import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findKey, keyTable } from './key-table.ts';

describe('the key table of an OSV index', () => {
  const keys = [
    'Debian:12\u0000zlib',
    'Debian\u0000zlib',
    'npm\u0000@babel/core',
    'npm\u0000"quoted"\tname',
    'PyPI\u0000jinja2',
    'crates.io\u0000名前',
    ...Array.from({ length: 500 }, (_, n) => `Alpine:v3.19\u0000pkg${String(n)}`),
  ];
  const table = keyTable(new Map(keys.map((key, n) => [key, { offset: n * 10, length: n + 1 }])));

  it('finds every key it holds, first, last and in between, whatever characters it has', () => {
    for (const [n, key] of keys.entries())
      assert.deepEqual(findKey(table, key), { offset: n * 10, length: n + 1 }, key);
  });

  it('finds no key it does not hold, below, above or between its keys', () => {
    for (const key of [
      '',
      'AAA',
      'zzz',
      'Debian:12\u0000zli',
      'Debian:12\u0000zlib1g',
      'npm\u0000@babel',
      'Alpine:v3.19\u0000pkg5000',
    ])
      assert.equal(findKey(table, key), undefined, key);
    assert.equal(findKey(keyTable(new Map()), 'npm\u0000x'), undefined);
  });
});
