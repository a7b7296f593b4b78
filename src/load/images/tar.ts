import { InputError } from '../../model/errors.ts';

/**
 * A streaming reader of tar archives as image layers and `docker save` archives write them: POSIX
 * ustar headers, pax extended headers (`x` for the next entry, `g` global: `path`, `linkpath`,
 * `size`), and GNU long names and link names (`L`, `K`). Only what the caller wants is kept in
 * memory; every other entry's content is skipped as it streams past. The stream is read to its end,
 * past the archive's end blocks.
 */

/** The entry types kubeward tells apart; every other type is `other`. */
export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One entry's header; `offset` is where its content starts in the archive. */
export interface TarHeader {
  /** The path as stored, without a leading `./` or `/`. */
  readonly path: string;
  readonly type: TarEntryType;
  readonly size: number;
  /** The target of a symbolic or hard link ("" for other entries). */
  readonly linkTarget: string;
  readonly offset: number;
  /** The permission bits (`0o755`). */
  readonly mode: number;
}

/**
 * Reads one entry's content as it streams past and keeps only what it needs of it (a few bytes of a
 * large file), so that the file is never held whole.
 */
export interface ContentSieve {
  /** The next bytes of the content, in order; true once the sieve needs no more (the rest is skipped). */
  take(chunk: Uint8Array): boolean;
  /** What the sieve kept, or undefined when nothing. */
  result(): Uint8Array | undefined;
}

/** How much of a sieved entry is read at a time. */
const SIEVE_CHUNK = 1024 * 1024;

/** An entry, with its content when the caller asked for it. */
export interface TarEntry extends TarHeader {
  readonly content: Uint8Array | undefined;
}

/** Bounds: the size of one kept entry, and of a pax or GNU long-name header's content. */
export interface TarLimits {
  readonly maxEntryBytes: number;
  readonly maxMetadataBytes: number;
}

export const TAR_LIMITS: TarLimits = { maxEntryBytes: 256 * 1024 * 1024, maxMetadataBytes: 1024 * 1024 };

const BLOCK = 512;

/** Reads exactly the bytes asked for from a stream of chunks, or fewer at its end. */
class ChunkReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private buffer: Uint8Array = new Uint8Array(0);
  private done = false;
  position = 0;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  private async fill(bytes: number): Promise<void> {
    const parts: Uint8Array[] = [this.buffer];
    let length = this.buffer.length;
    while (length < bytes && !this.done) {
      const next = await this.iterator.next();
      if (next.done === true) this.done = true;
      else {
        parts.push(next.value);
        length += next.value.length;
      }
    }
    if (parts.length > 1) this.buffer = Buffer.concat(parts, length);
  }

  /** The next `bytes` bytes (fewer only at the end of the stream). */
  async read(bytes: number): Promise<Uint8Array> {
    if (this.buffer.length < bytes) await this.fill(bytes);
    const taken = this.buffer.subarray(0, Math.min(bytes, this.buffer.length));
    this.buffer = this.buffer.subarray(taken.length);
    this.position += taken.length;
    return taken;
  }

  /** Reads the stream to its end (so that a digest check at its end runs), keeping nothing. */
  async drain(): Promise<void> {
    this.buffer = new Uint8Array(0);
    while (!this.done) if ((await this.iterator.next()).done === true) this.done = true;
  }

  /** Skips `bytes` bytes without keeping them; returns how many were there. */
  async skip(bytes: number): Promise<number> {
    let left = bytes;
    while (left > 0) {
      if (this.buffer.length === 0) {
        if (this.done) break;
        const next = await this.iterator.next();
        if (next.done === true) {
          this.done = true;
          break;
        }
        this.buffer = next.value;
      }
      const step = Math.min(left, this.buffer.length);
      this.buffer = this.buffer.subarray(step);
      left -= step;
    }
    this.position += bytes - left;
    return bytes - left;
  }
}

const decoder = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

/** A numeric field: octal text, or GNU base-256 when the high bit of the first byte is set. */
function number(block: Uint8Array, start: number, length: number, where: string): number {
  const first = block[start] ?? 0;
  if ((first & 0x80) !== 0) {
    let value = first & 0x7f;
    for (let index = start + 1; index < start + length; index++) value = value * 256 + (block[index] ?? 0);
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new InputError(`${where}: bad tar header (numeric field "${digits}")`);
  return parseInt(digits, 8);
}

function checksumMatches(block: Uint8Array, where: string): boolean {
  const stored = number(block, 148, 8, where);
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 32 : (block[index] ?? 0);
  return sum === stored;
}

function entryType(flag: string): TarEntryType {
  if (flag === '0' || flag === '\0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'directory';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

/** The records of a pax extended header: `length key=value\n`. */
function paxRecords(content: Uint8Array, where: string): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(decoder.decode(content.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > content.length) {
      throw new InputError(`${where}: bad pax header record at byte ${String(at)}`);
    }
    const record = decoder.decode(content.subarray(space + 1, at + length - 1));
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** `./a/b`, `/a/b/` → `a/b`. */
export function normalizeTarPath(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

/**
 * The entries of a tar stream, in order. `keep(header)` says whether to hold an entry's content
 * in memory; a kept entry larger than `limits.maxEntryBytes` is an InputError naming it. An entry
 * not kept may be given to the ContentSieve `sieve(header)` returns: its content streams through
 * it, and the entry's content is what the sieve kept. `where` names the archive in messages.
 */
export async function* tarEntries(
  chunks: AsyncIterable<Uint8Array>,
  where: string,
  keep: (header: TarHeader) => boolean,
  limits: TarLimits = TAR_LIMITS,
  sieve?: (header: TarHeader) => ContentSieve | undefined,
): AsyncGenerator<TarEntry> {
  const reader = new ChunkReader(chunks);
  const global = new Map<string, string>();
  let local = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block.length === 0) return;
    if (block.length < BLOCK) throw new InputError(`${where}: truncated tar archive`);
    if (block.every((byte) => byte === 0)) {
      await reader.drain();
      return;
    }
    const at = `${where}: tar entry at byte ${String(reader.position - BLOCK)}`;
    if (!checksumMatches(block, at)) throw new InputError(`${at}: bad tar header checksum`);
    const flag = String.fromCharCode(block[156] ?? 0);
    const size = number(block, 124, 12, at);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > limits.maxMetadataBytes)
        throw new InputError(`${at}: tar metadata of ${String(size)} bytes`);
      const content = await reader.read(padded);
      if (content.length < padded) throw new InputError(`${at}: truncated tar archive`);
      const body = content.subarray(0, size);
      if (flag === 'x') local = paxRecords(body, at);
      else if (flag === 'g') for (const [key, value] of paxRecords(body, at)) global.set(key, value);
      else if (flag === 'L') longName = text(body, 0, body.length);
      else longLink = text(body, 0, body.length);
      continue;
    }
    const magic = text(block, 257, 6);
    const prefix = magic.startsWith('ustar') && block[263] === 0x30 ? text(block, 345, 155) : '';
    const storedName = text(block, 0, 100);
    const name =
      local.get('path') ??
      longName ??
      global.get('path') ??
      (prefix ? `${prefix}/${storedName}` : storedName);
    const linkTarget = local.get('linkpath') ?? longLink ?? global.get('linkpath') ?? text(block, 157, 100);
    const paxSize = local.get('size') ?? global.get('size');
    const entrySize = paxSize === undefined ? size : Number(paxSize);
    local = new Map();
    longName = undefined;
    longLink = undefined;
    const type = entryType(flag);
    const contentSize = type === 'file' || type === 'other' ? entrySize : 0;
    const header: TarHeader = {
      path: normalizeTarPath(name),
      type,
      size: contentSize,
      linkTarget,
      offset: reader.position,
      mode: number(block, 100, 8, at) & 0o7777,
    };
    const wanted = contentSize >= 0 && keep(header);
    if (wanted && contentSize > limits.maxEntryBytes) {
      throw new InputError(
        `${where}: ${header.path} has ${String(contentSize)} bytes, more than the ${String(limits.maxEntryBytes)} kept for one file`,
      );
    }
    const contentPadded = Math.ceil(contentSize / BLOCK) * BLOCK;
    const sifting = wanted || contentSize === 0 ? undefined : sieve?.(header);
    if (wanted) {
      const content = await reader.read(contentPadded);
      if (content.length < contentPadded)
        throw new InputError(`${where}: truncated tar archive in ${header.path}`);
      yield { ...header, content: content.slice(0, contentSize) };
    } else if (sifting !== undefined) {
      let left = contentSize;
      while (left > 0) {
        const chunk = await reader.read(Math.min(left, SIEVE_CHUNK));
        if (chunk.length === 0) throw new InputError(`${where}: truncated tar archive in ${header.path}`);
        left -= chunk.length;
        if (sifting.take(chunk)) break;
      }
      const rest = contentPadded - (contentSize - left);
      if ((await reader.skip(rest)) < rest) {
        throw new InputError(`${where}: truncated tar archive in ${header.path}`);
      }
      yield { ...header, content: sifting.result() };
    } else {
      yield { ...header, content: undefined };
      if ((await reader.skip(contentPadded)) < contentPadded) {
        throw new InputError(`${where}: truncated tar archive in ${header.path}`);
      }
    }
  }
}
