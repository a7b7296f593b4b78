import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter } from './lines.ts';

function split(chunks: readonly string[], max = 100): string[] {
  const out: string[] = [];
  const splitter = new LineSplitter(max);
  const sink = {
    line: (text: string, number: number) => out.push(`${String(number)}:${text}`),
    overlong: (number: number, bytes: number) =>
      out.push(`${String(number)}: ${String(bytes)} bytes skipped`),
  };
  for (const chunk of chunks) splitter.push(Buffer.from(chunk), sink);
  splitter.end(sink);
  return out;
}

describe('LineSplitter', () => {
  it('numbers lines across chunk boundaries, drops CR before LF and a leading BOM, gives a last line without LF', () => {
    assert.deepEqual(split(['\ufeffa', 'b\r\nc\n', '\nd']), ['1:ab', '2:c', '3:', '4:d']);
  });

  it('keeps a multi-byte character split between chunks whole', () => {
    const bytes = Buffer.from('é\n');
    const out: string[] = [];
    const splitter = new LineSplitter(10);
    const sink = { line: (text: string) => out.push(text), overlong: () => out.push('overlong') };
    splitter.push(bytes.subarray(0, 1), sink);
    splitter.push(bytes.subarray(1), sink);
    assert.deepEqual(out, ['é']);
  });

  it('skips a line longer than the limit without holding it, and goes on with the next', () => {
    assert.deepEqual(split(['ok\n', 'x'.repeat(6), 'y'.repeat(6), '\nnext\n'], 10), [
      '1:ok',
      '2: 12 bytes skipped',
      '3:next',
    ]);
    assert.deepEqual(split(['exactly10!\n'], 10), ['1:exactly10!']);
    assert.deepEqual(split(['eleven byte\n'], 10), ['1: 11 bytes skipped']);
  });
});
