import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { writeChunks } from './write-chunks.ts';

/** A slow destination: a small buffer, each write taken a turn of the event loop later. */
function slowSink(highWaterMark: number, failAfter = Infinity) {
  const received: string[] = [];
  let peakBuffered = 0;
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      setImmediate(() => {
        if (received.length >= failAfter) {
          done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
          return;
        }
        received.push(chunk);
        done();
      });
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string) => {
    const more = write(chunk);
    peakBuffered = Math.max(peakBuffered, stream.writableLength);
    return more;
  }) as typeof stream.write;
  return { stream, received, peak: () => peakBuffered };
}

/** `count` chunks of `size` characters, counting how many were made. */
function counted(count: number, size: number) {
  const state = { made: 0 };
  function* chunks(): Generator<string> {
    for (let i = 0; i < count; i++) {
      state.made++;
      yield String(i % 10).repeat(size);
    }
  }
  return { chunks: chunks(), state };
}

describe('writeChunks', () => {
  it('waits for drain: the stream never buffers more than its high-water mark and one chunk', async () => {
    const sink = slowSink(64);
    const { chunks, state } = counted(2000, 40);
    let ahead = 0;
    sink.stream.on('drain', () => {
      ahead = Math.max(ahead, state.made - sink.received.length);
    });
    await writeChunks(sink.stream, chunks);
    assert.equal(sink.received.length, 2000);
    assert.equal(sink.received.join('').length, 2000 * 40);
    assert.ok(sink.peak() <= 64 + 40, `${sink.peak()} characters buffered`);
    assert.ok(ahead <= 3, `${ahead} chunks made ahead of the stream`);
  });

  it('without waiting, the same stream would hold everything: the bound above is the writer’s doing', () => {
    const sink = slowSink(64);
    for (const chunk of counted(2000, 40).chunks) sink.stream.write(chunk);
    assert.equal(sink.peak(), 2000 * 40);
  });

  it('rejects with the stream’s error as soon as it fails, and makes no more chunks', async () => {
    const sink = slowSink(64, 10);
    const { chunks, state } = counted(2000, 40);
    await assert.rejects(writeChunks(sink.stream, chunks), { code: 'ENOSPC' });
    assert.equal(sink.received.length, 10);
    assert.ok(state.made < 20, `${state.made} chunks made`);
  });

  it('rejects when the stream is closed before the end', async () => {
    const sink = slowSink(16);
    const chunks = (function* () {
      yield 'x'.repeat(32);
      sink.stream.destroy();
      yield 'y';
    })();
    await assert.rejects(writeChunks(sink.stream, chunks), {
      code: 'ERR_STREAM_PREMATURE_CLOSE',
      message: 'the stream was closed before the report was written',
    });
  });

  it('writes everything to a fast stream without waiting', async () => {
    const received: string[] = [];
    const stream = new Writable({
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        received.push(chunk);
        done();
      },
    });
    await writeChunks(stream, ['a', 'b', 'c']);
    assert.deepEqual(received, ['a', 'b', 'c']);
  });
});
