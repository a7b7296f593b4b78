import type { Writable } from 'node:stream';

/** The error a stream failed with, or one saying it was closed early. */
function failureOf(stream: Writable): Error {
  return (
    stream.errored ??
    Object.assign(new Error('the stream was closed before the report was written'), {
      code: 'ERR_STREAM_PREMATURE_CLOSE',
    })
  );
}

/** Resolves once `stream` wants more ('drain'); rejects when it fails or closes first. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => {
      settle();
    };
    const onError = (error: Error): void => {
      settle(error);
    };
    const onClose = (): void => {
      settle(failureOf(stream));
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

/**
 * The one way a command writes its output: each chunk in turn to `stream`, waiting for 'drain'
 * whenever `write()` says its buffer is full, so that at most one chunk more than the stream's
 * high-water mark is held at a time. Rejects with the stream's error as soon as it fails (the rest
 * is not rendered); does not end the stream.
 */
export async function writeChunks(stream: Writable, chunks: Iterable<string | Uint8Array>): Promise<void> {
  for (const chunk of chunks) {
    if (stream.errored || stream.destroyed) throw failureOf(stream);
    if (!stream.write(chunk)) await drained(stream);
  }
  if (stream.errored) throw stream.errored;
}
