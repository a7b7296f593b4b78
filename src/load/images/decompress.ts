import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { InputError } from '../../model/errors.ts';

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** zlib's zstd decompressor where this Node.js has one (22.15 and later), else undefined. */
function zstdDecompressor(): (() => NodeJS.ReadWriteStream) | undefined {
  const create = (zlib as unknown as Record<string, unknown>).createZstdDecompress;
  return typeof create === 'function' ? (create as () => NodeJS.ReadWriteStream) : undefined;
}

/**
 * The tar bytes of a layer, told by its first bytes rather than its media type: gzip through zlib,
 * zstd where this Node.js has it (an InputError otherwise), anything else as an uncompressed tar.
 */
export async function* layerTar(
  chunks: AsyncIterable<Uint8Array>,
  where: string,
): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => iterator.next(),
      return: async () => (iterator.return ? iterator.return() : { done: true, value: undefined }),
    }),
  };
  async function* all(): AsyncGenerator<Uint8Array> {
    yield head;
    yield* rest;
  }
  if (startsWith(head, GZIP)) {
    yield* pipeThrough(all(), zlib.createGunzip(), where, 'gzip');
  } else if (startsWith(head, ZSTD)) {
    const zstd = zstdDecompressor();
    if (zstd === undefined) {
      throw new InputError(
        `${where}: the layer is zstd-compressed, and this Node.js (${process.version}) has no zstd decompressor (Node.js 22.15 or later has one)`,
      );
    }
    yield* pipeThrough(all(), zstd(), where, 'zstd');
  } else {
    yield* all();
  }
}

async function* pipeThrough(
  chunks: AsyncIterable<Uint8Array>,
  transform: NodeJS.ReadWriteStream,
  where: string,
  format: string,
): AsyncGenerator<Uint8Array> {
  const input = Readable.from(chunks, { objectMode: false });
  input.on('error', (error) => transform.emit('error', error));
  input.pipe(transform);
  try {
    for await (const chunk of transform as unknown as AsyncIterable<Uint8Array>) yield chunk;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${where}: bad ${format} data (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    input.destroy();
  }
}
