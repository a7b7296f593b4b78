import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanPem } from './pem.ts';

describe('scanPem', () => {
  it('finds each block with its label and line, ignoring text around blocks and CRLF line ends', () => {
    const text =
      'Bag Attributes\r\n-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n\n' +
      '  -----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----';
    const scan = scanPem(text);
    assert.deepEqual(
      scan.blocks.map((block) => [block.label, block.line]),
      [
        ['CERTIFICATE', 2],
        ['EC PRIVATE KEY', 6],
      ],
    );
    assert.equal(
      scan.blocks[1]?.text,
      '  -----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----',
    );
    assert.deepEqual(scan.problems, []);
  });

  it('reports a BEGIN without its END, an END without a BEGIN, and an END of another label', () => {
    const scan = scanPem(
      [
        '-----BEGIN CERTIFICATE-----',
        'MIIB',
        '-----BEGIN CERTIFICATE-----',
        '-----END PRIVATE KEY-----',
        '-----END CERTIFICATE-----',
        '-----BEGIN PRIVATE KEY-----',
      ].join('\n'),
    );
    assert.deepEqual(scan.blocks, []);
    assert.deepEqual(scan.problems, [
      { line: 1, message: 'BEGIN CERTIFICATE has no END line' },
      { line: 4, message: 'END PRIVATE KEY does not close BEGIN CERTIFICATE of line 3' },
      { line: 5, message: 'END CERTIFICATE without a BEGIN line' },
      { line: 6, message: 'BEGIN PRIVATE KEY has no END line' },
    ]);
  });

  it('scans 200,000 unterminated BEGIN lines in linear time', { timeout: 10_000 }, () => {
    const text = '-----BEGIN CERTIFICATE-----\n'.repeat(200_000);
    const started = performance.now();
    const scan = scanPem(text);
    assert.ok(performance.now() - started < 3_000, `took ${String(performance.now() - started)} ms`);
    assert.equal(scan.blocks.length, 0);
    assert.equal(scan.problems.length, 200_000);
  });
});
