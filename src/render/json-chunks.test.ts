import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonChunks } from './json-chunks.ts';
import { jsonText } from './json-text.ts';
import { CHUNK_SIZE, StreamedList, streamedMap } from './streamed.ts';

/** `value` with every StreamedList read into an array: what the chunks must spell. */
function materialized(value: unknown): unknown {
  if (value instanceof StreamedList || Array.isArray(value))
    return [...(value as Iterable<unknown>)].map(materialized);
  if (value !== null && typeof value === 'object' && !('toJSON' in value))
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, materialized(member)]));
  return value;
}

const joined = (value: unknown): string => [...jsonChunks(value)].join('');

describe('jsonChunks', () => {
  it('spells jsonText of the same data, lists as arrays, whatever nests them', () => {
    const documents: unknown[] = [
      { a: 1, list: new StreamedList(() => []) },
      { list: streamedMap([1, 2, 3], (n) => ({ n, nested: { deep: [n, 'x\ny'] } })), after: {} },
      [{ runs: [{ tool: 'x', results: streamedMap(['a'], (s) => s) }] }, [], {}],
      {
        skipped: undefined,
        fn: () => 1,
        list: new StreamedList(() => [undefined, null, () => 2, 'bidi \u202e c1 \x9b del \x7f esc \x1b']),
        date: new Date(0),
        empty: [],
        'key "quoted" \u2066': streamedMap([{}], (o) => o),
      },
      'a string',
      42,
      null,
    ];
    for (const document of documents) assert.equal(joined(document), jsonText(materialized(document)));
  });

  it('writes a long list in chunks of bounded size, however its items grow', () => {
    const document = {
      nested: [
        {
          list: streamedMap(
            Array.from({ length: 3000 }, (_, i) => i),
            (i) => ({ i, text: 'x'.repeat(i < 2000 ? 1 : 5000) }),
          ),
        },
      ],
    };
    const chunks = [...jsonChunks(document)];
    assert.ok(chunks.length > 10);
    for (const chunk of chunks) assert.ok(chunk.length <= CHUNK_SIZE, `a chunk of ${String(chunk.length)}`);
    assert.equal(chunks.join(''), jsonText(materialized(document)));
  });

  it('reads each list afresh, so a document can be written twice', () => {
    const document = { findings: streamedMap([1, 2], (n) => n * 2) };
    assert.equal(joined(document), joined(document));
    assert.deepEqual(JSON.parse(joined(document)), { findings: [2, 4] });
  });
});
