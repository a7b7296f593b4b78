import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MAX_FILE_SIZE, formatFileSize, parseFileSize } from './file-size.ts';

describe('parseFileSize', () => {
  it('reads plain bytes and kubectl quantities, binary and decimal', () => {
    assert.equal(parseFileSize('1048576'), 1048576);
    assert.equal(parseFileSize('64Mi'), DEFAULT_MAX_FILE_SIZE);
    assert.equal(parseFileSize('1.5Ki'), 1536);
    assert.equal(parseFileSize('1Gi'), 2 ** 30);
    assert.equal(parseFileSize('500k'), 500_000);
    assert.equal(parseFileSize('2G'), 2e9);
  });
  it('refuses anything else, and sizes below one byte', () => {
    for (const text of ['', '12x', '64MB', '-1', '0', '0.5', 'Mi', '1e9', '64 Mi junk'])
      assert.equal(parseFileSize(text), undefined, text);
  });
});

describe('formatFileSize', () => {
  it('gives the largest binary unit, to one decimal', () => {
    assert.equal(formatFileSize(600 * 2 ** 20), '600 MiB');
    assert.equal(formatFileSize(DEFAULT_MAX_FILE_SIZE), '64 MiB');
    assert.equal(formatFileSize(1536), '1.5 KiB');
    assert.equal(formatFileSize(100), '100 bytes');
    assert.equal(formatFileSize(1), '1 byte');
  });
});
