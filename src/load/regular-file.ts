import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { KubewardError } from '../model/errors.ts';
import { formatFileSize } from './file-size.ts';

/**
 * Opening never waits (a FIFO without a writer) and never makes a terminal the controlling one. A
 * symbolic link is followed: what counts is the file it resolves to, checked on the open descriptor.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
/** Bytes read at a time when the size the file reports is no guide (`/proc` files report 0). */
const CHUNK_BYTES = 64 * 1024;

/** A file kubeward does not read: not a regular file, or larger than the size cap (unusable input). */
export class FileRefusedError extends KubewardError {
  override readonly name: string = 'FileRefusedError';
  readonly file: string;
  constructor(file: string, message: string) {
    super('input', message);
    this.file = file;
  }
}

/** The refusal of `file` (or stdin) once more than `maxBytes` were found; `size` when known. */
export function tooLarge(file: string, size: number | undefined, maxBytes: number): FileRefusedError {
  const limit = formatFileSize(maxBytes);
  return new FileRefusedError(
    file,
    `${size === undefined ? `more than ${limit}` : formatFileSize(size)} exceeds --max-file-size ${limit}`,
  );
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isDirectory()) return 'directory';
  return 'unknown file type';
}

function notRegular(file: string, stats: Stats, linked: boolean): FileRefusedError {
  return new FileRefusedError(
    file,
    `skipped: not a regular file (${kindOf(stats)}${linked ? ', through a symbolic link' : ''})`,
  );
}

/**
 * Reads `file` whole, as long as it is a regular file (or a symbolic link to one) of at most
 * `maxBytes`; throws a {@link FileRefusedError} otherwise, and the system's error when it cannot be
 * opened. The path is stat'ed first so that a device is never opened (opening one can have effects
 * of its own); the decision is made again on the opened descriptor, so a file swapped in between is
 * refused too, and the bytes come from that descriptor. A file that grows past the cap while it is
 * read is refused as well.
 */
export function readRegularFileSync(file: string, maxBytes: number): Buffer {
  const { buffer, length } = readIntoSync(file, maxBytes, EMPTY);
  return buffer.length === length ? buffer : buffer.subarray(0, length);
}

/**
 * {@link readRegularFileSync}, handing the bytes to `use` rather than returning them: they are read
 * into one buffer that the next file reuses, so `use` must not keep them (it decodes them). Reading
 * thousands of manifests so allocates no buffer per file.
 */
export function useRegularFileSync<T>(file: string, maxBytes: number, use: (bytes: Buffer) => T): T {
  const { buffer, length } = readIntoSync(file, maxBytes, scratch);
  if (buffer.length <= MAX_SCRATCH_BYTES) scratch = buffer;
  return use(buffer.subarray(0, length));
}

const EMPTY: Buffer = Buffer.alloc(0);
/** Largest buffer {@link useRegularFileSync} keeps for the next file. */
const MAX_SCRATCH_BYTES = 1024 * 1024;
let scratch: Buffer = EMPTY;

/**
 * The checks and reads of {@link readRegularFileSync}, into `buffer` from its start; a buffer too
 * small is replaced by a larger one (returned), the bytes read so far copied over.
 */
function readIntoSync(file: string, maxBytes: number, buffer: Buffer): { buffer: Buffer; length: number } {
  const before = statSync(file);
  if (!before.isFile()) throw notRegular(file, before, lstatSync(file).isSymbolicLink());
  const descriptor = openSync(file, OPEN_FLAGS);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw notRegular(file, stats, lstatSync(file).isSymbolicLink());
    if (stats.size > maxBytes) throw tooLarge(file, stats.size, maxBytes);
    let total = 0;
    for (;;) {
      const asked = chunkSize(stats.size, total, maxBytes);
      if (total + asked > buffer.length) buffer = grown(buffer, total, total + asked);
      const count = readSync(descriptor, buffer, total, asked, null);
      if (count === 0) return { buffer, length: total };
      total += count;
      if (total > maxBytes) throw tooLarge(file, undefined, maxBytes);
      if (atEnd(stats.size, total, count, asked)) return { buffer, length: total };
    }
  } finally {
    closeSync(descriptor);
  }
}

/** A buffer of at least `needed` bytes (twice the old one's size when that is more) starting with `buffer`'s first `used`. */
function grown(buffer: Buffer, used: number, needed: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.max(needed, buffer.length * 2));
  buffer.copy(larger, 0, 0, used);
  return larger;
}

/** {@link readRegularFileSync}, without blocking the event loop. */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  const before = await stat(file);
  if (!before.isFile()) throw notRegular(file, before, (await lstat(file)).isSymbolicLink());
  const handle = await open(file, OPEN_FLAGS);
  try {
    return await readHandle(file, handle, maxBytes);
  } finally {
    await handle.close();
  }
}

/**
 * Opens `file` for streaming, as long as it is a regular file (or a symbolic link to one), decided on
 * the opened descriptor as {@link readRegularFile} decides it; no size cap (the caller streams it and
 * bounds what it holds). Throws a {@link FileRefusedError}, or the system's error when it cannot be
 * opened.
 */
export async function openRegularFile(file: string): Promise<FileHandle> {
  const before = await stat(file);
  if (!before.isFile()) throw notRegular(file, before, (await lstat(file)).isSymbolicLink());
  const handle = await open(file, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(file, stats, (await lstat(file)).isSymbolicLink());
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readHandle(file: string, handle: FileHandle, maxBytes: number): Promise<Buffer> {
  const stats = await handle.stat();
  if (!stats.isFile()) throw notRegular(file, stats, (await lstat(file)).isSymbolicLink());
  if (stats.size > maxBytes) throw tooLarge(file, stats.size, maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkSize(stats.size, total, maxBytes));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return joined(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(file, undefined, maxBytes);
    if (atEnd(stats.size, total, bytesRead, chunk.length)) return joined(chunks, total);
  }
}

/**
 * The next read, never past the cap + 1: the rest of the size reported plus one byte (to see growth),
 * so that a file read whole takes one buffer of its size plus a byte, and one read; once past the size
 * reported (a file that grew, or a `/proc` file reporting 0), {@link CHUNK_BYTES}.
 */
function chunkSize(reported: number, total: number, maxBytes: number): number {
  const rest = reported + 1 - total;
  return Math.min(reported > 0 && rest > 0 ? rest : CHUNK_BYTES, maxBytes + 1 - total);
}

/**
 * Whether the read just made reached the end of a regular file: it returned less than asked for, and
 * exactly the size the file reported. A read returns less than asked from a regular file only at its
 * end, so a file read whole in one read takes no second read to see it end.
 */
function atEnd(reported: number, total: number, count: number, asked: number): boolean {
  return count < asked && total === reported;
}

/** The bytes read, copied only when they came in more than one read. */
function joined(chunks: readonly Buffer[], total: number): Buffer {
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, total);
}
