import type { ContentSieve, TarHeader } from '../../load/images/tar.ts';
import {
  BUILDINFO_ALIGN,
  BUILDINFO_HEADER_SIZE,
  BUILDINFO_MAGIC,
  hasMagic,
  inlineEnd,
} from './go-buildinfo.ts';

const BUILDINFO_MAGIC_LENGTH = BUILDINFO_MAGIC.length;

/**
 * Which files of an image are looked at as Go binaries: regular files with an execute bit, of at
 * least 64 bytes and at most this many, wherever they are; of those, only ELF files are read past
 * their first bytes.
 */
export const GO_BINARY_MAX_BYTES = 512 * 1024 * 1024;

/** The most of a build information blob kept: its header and strings. */
const BLOB_MAX = 1024 * 1024;
/** The ELF and program headers must lie in the file's first bytes. */
const HEADERS_MAX = 64 * 1024;
const MAX_SEGMENTS = 8;

const PT_LOAD = 1;
const PF_X = 1;
const PF_W = 2;

/** A segment's bytes in the file, and its virtual address (alignment is of addresses). */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly address: number;
}

/**
 * Where a Go binary's build information may be: the writable, not executable loadable segments of
 * its ELF program headers, where golang/go's src/debug/buildinfo/buildinfo.go (`DataStart`) looks
 * when the file has no `.go.buildinfo` section header. Section headers lie at a file's end and
 * program headers at its start, so a stream reaches these first; the whole segment is searched,
 * since an externally linked binary puts the section after `.data`. `more` while the headers are not
 * all there; `none` for a file that is no ELF file, or whose headers are out of bounds.
 */
function dataSegments(head: Uint8Array): readonly Segment[] | 'more' | 'none' {
  if (head.length < 64) return 'more';
  if (head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return 'none';
  const wide = head[4] === 2;
  const little = head[5] === 1;
  if ((head[4] !== 1 && !wide) || (head[5] !== 2 && !little)) return 'none';
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const u64 = (at: number): number => Number(view.getBigUint64(at, little));
  const tableAt = wide ? u64(0x20) : u32(0x1c);
  const entrySize = u16(wide ? 0x36 : 0x2a);
  const entries = u16(wide ? 0x38 : 0x2c);
  const tableEnd = tableAt + entrySize * entries;
  if (entrySize < (wide ? 56 : 32) || tableEnd > HEADERS_MAX) return 'none';
  if (tableEnd > head.length) return 'more';
  const segments: Segment[] = [];
  for (let index = 0; index < entries && segments.length < MAX_SEGMENTS; index++) {
    const at = tableAt + index * entrySize;
    const flags = u32(wide ? at + 4 : at + 24);
    const start = wide ? u64(at + 8) : u32(at + 4);
    const address = wide ? u64(at + 16) : u32(at + 8);
    const size = wide ? u64(at + 32) : u32(at + 16);
    if (u32(at) !== PT_LOAD || (flags & (PF_X | PF_W)) !== PF_W || size === 0) continue;
    segments.push({ start, end: start + size, address });
  }
  return segments.sort((a, b) => a.start - b.start);
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Streams an executable's content and keeps its Go build information blob: the first header at a
 * 16-byte aligned address of a data segment, and the strings after it (at most 1 MiB). It stops
 * reading at the blob's end, or past the last data segment. Memory: the file's first bytes until its
 * program headers are read, then a few bytes carried between chunks, then the blob.
 */
class BuildInfoSieve implements ContentSieve {
  private head: Uint8Array = new Uint8Array(0);
  private segments: readonly Segment[] | undefined;
  /** The absolute offset of `carry`'s first byte. */
  private carryAt = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private position = 0;
  private blob: Uint8Array | undefined;
  private complete = false;

  take(chunk: Uint8Array): boolean {
    if (this.segments === undefined) {
      const head = joined(this.head, chunk);
      const segments = dataSegments(head);
      if (segments === 'none') return true;
      if (segments === 'more') {
        this.head = head.slice();
        return head.length >= HEADERS_MAX;
      }
      this.segments = segments;
      this.head = new Uint8Array(0);
      return this.sift(head);
    }
    return this.sift(chunk);
  }

  private sift(chunk: Uint8Array): boolean {
    const start = this.position;
    this.position += chunk.length;
    if (this.blob !== undefined) return this.collect(chunk);
    for (const segment of this.segments ?? []) {
      const from = Math.max(start, segment.start);
      const to = Math.min(this.position, segment.end);
      if (to <= from) continue;
      const continued = this.carry.length > 0 && this.carryAt + this.carry.length === from;
      const dataAt = continued ? this.carryAt : from;
      const data = continued
        ? joined(this.carry, chunk.subarray(from - start, to - start))
        : chunk.subarray(from - start, to - start);
      const misalignment = (segment.address + (dataAt - segment.start)) % BUILDINFO_ALIGN;
      let at = misalignment === 0 ? 0 : BUILDINFO_ALIGN - misalignment;
      for (; at + BUILDINFO_MAGIC_LENGTH <= data.length; at += BUILDINFO_ALIGN) {
        if (!hasMagic(data, at)) continue;
        this.blob = new Uint8Array(0);
        return this.collect(data.subarray(at));
      }
      this.carry = data.slice(Math.min(at, data.length));
      this.carryAt = dataAt + Math.min(at, data.length);
    }
    return (this.segments ?? []).every((segment) => segment.end <= this.position);
  }

  private collect(bytes: Uint8Array): boolean {
    const room = BLOB_MAX - (this.blob?.length ?? 0);
    const blob = joined(this.blob ?? new Uint8Array(0), bytes.subarray(0, room)).slice();
    this.blob = blob;
    const end = inlineEnd(blob);
    if (end === undefined || end <= blob.length || blob.length >= BLOB_MAX) {
      this.blob = blob.subarray(0, end === undefined ? BUILDINFO_HEADER_SIZE : Math.min(end, blob.length));
      this.complete = true;
    }
    return this.complete;
  }

  result(): Uint8Array | undefined {
    return this.blob;
  }
}

/** A sieve for an image file that may be a Go binary ({@link GO_BINARY_MAX_BYTES}), or undefined. */
export function goBinarySieve(header: TarHeader): ContentSieve | undefined {
  if (header.type !== 'file' || (header.mode & 0o111) === 0) return undefined;
  if (header.size < 64 || header.size > GO_BINARY_MAX_BYTES) return undefined;
  return new BuildInfoSieve();
}

/** The build information blob of a whole file's content (an ELF file), or undefined. */
export function buildInfoOfFile(content: Uint8Array): Uint8Array | undefined {
  const sieve = new BuildInfoSieve();
  sieve.take(content);
  return sieve.result();
}
