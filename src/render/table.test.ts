import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanPaths } from '../testing/scan-examples.ts';
import { renderTable, renderTableChunks } from './table.ts';

describe('scan -o table', async () => {
  const report = await scanPaths('examples/insecure');
  const piped = renderTable(report, { color: false, showSuppressed: false });
  const narrow = renderTable(report, { color: true, showSuppressed: false, width: 100 });

  it('keeps one line per finding when no width is given (piped)', () => {
    const rows = piped.split('\n').filter((line) => /^ {2}(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line));
    assert.equal(rows.length, report.findings.filter((finding) => !finding.suppressed).length);
  });

  it('wraps messages to the width, continuation lines under the MESSAGE column', () => {
    const plain = narrow.split('\n').map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''));
    const row = plain.findIndex(
      (line, index) => /^ {2}\S/.test(line) && /^ {5}/.test(plain[index + 1] ?? ''),
    );
    assert.ok(row > 0, 'a finding whose message wraps');
    const message = /^ {2}\S+ +\S+ +(?:\d+:\d+|-) +/.exec(plain[row] ?? '')?.[0].length;
    assert.equal(/^ +/.exec(plain[row + 1] ?? '')?.[0].length, message);
    for (const line of plain.filter((text) => text.startsWith('  '))) assert.ok(line.length <= 100, line);
  });

  it('comes in chunks of whole lines that make up the same text', () => {
    const chunks = [...renderTableChunks(report, { color: false, showSuppressed: false }, 10)];
    assert.ok(chunks.length > 1, `${String(chunks.length)} chunks`);
    for (const chunk of chunks) assert.ok(chunk.endsWith('\n'), chunk);
    assert.equal(chunks[0]?.split('\n').length, 11);
    assert.equal(chunks.join(''), piped);
  });
});
