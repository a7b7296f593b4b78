/**
 * rpm's NDB package database (`Packages.db`, SUSE since SLE 15 SP3 and openSUSE Leap 15.3), as
 * rpm-software-management/rpm lib/backend/ndb/rpmpkg.c writes it, every number little-endian: a
 * 32-byte header (magic `RpmP`, version 0, generation, slot pages, next package index); then slot
 * pages of 4096 bytes holding 16-byte slots (magic `Slot`, package index, block offset, block count;
 * offset 0 is a free slot), the first page's slots after the header; then blobs at their block
 * offset (16-byte blocks): a 16-byte head (magic `BlbS`, package index, generation, length), the
 * header blob, padding, and a 12-byte tail (adler32 of head, blob and padding; length; magic `BlbE`).
 */

const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;
const HEADER_SIZE = 32;
const BLOB_HEAD = 16;
const BLOB_TAIL = 12;
const magic = (text: string): number =>
  (text.charCodeAt(0) |
    (text.charCodeAt(1) << 8) |
    (text.charCodeAt(2) << 16) |
    (text.charCodeAt(3) << 24)) >>>
  0;
const PKGDB_MAGIC = magic('RpmP');
const SLOT_MAGIC = magic('Slot');
const BLOBHEAD_MAGIC = magic('BlbS');
const BLOBTAIL_MAGIC = magic('BlbE');

/** RFC 1950's adler32 (rpmpkg.c's `update_adler32`, starting at 1). */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let at = 0; at < bytes.length; at += 5552) {
    const end = Math.min(at + 5552, bytes.length);
    for (let index = at; index < end; index++) {
      a += bytes[index] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Whether `bytes` start with the NDB package database's magic. */
export function isNdbPackages(bytes: Uint8Array): boolean {
  return (
    bytes.length >= HEADER_SIZE &&
    new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === PKGDB_MAGIC
  );
}

/** One package's header blob, or why reading stopped. */
export type NdbRecord = { readonly row: number; readonly blob: Uint8Array } | { readonly problem: string };

/**
 * The header blobs of the used slots, in slot order, each checked as rpmpkg.c's `rpmpkgReadBlob`
 * checks it (magics, package index, lengths, adler32); a slot or blob that fails ends the walk with
 * a problem naming it.
 */
export function* ndbPackageBlobs(bytes: Uint8Array): Generator<NdbRecord> {
  if (!isNdbPackages(bytes)) {
    yield { problem: 'no NDB package database (no RpmP magic)' };
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  if (u32(4) !== 0) {
    yield { problem: `NDB version ${String(u32(4))}, not 0` };
    return;
  }
  const slotPages = u32(12);
  if (slotPages * PAGE_SIZE > bytes.length) {
    yield { problem: `${String(slotPages)} slot pages in a file of ${String(bytes.length)} bytes` };
    return;
  }
  for (let at = HEADER_SIZE; at < slotPages * PAGE_SIZE; at += SLOT_SIZE) {
    const slot = (at - HEADER_SIZE) / SLOT_SIZE + 1;
    if (u32(at) !== SLOT_MAGIC) {
      yield { problem: `slot ${String(slot)} has no Slot magic` };
      return;
    }
    const index = u32(at + 4);
    const offset = u32(at + 8) * BLOCK_SIZE;
    const length = u32(at + 12) * BLOCK_SIZE;
    if (offset === 0) continue;
    const where = `package ${String(index)} (slot ${String(slot)})`;
    if (offset < slotPages * PAGE_SIZE || length < BLOB_HEAD + BLOB_TAIL || offset + length > bytes.length) {
      yield { problem: `${where} lies outside the file's blobs` };
      return;
    }
    const blobLength = u32(offset + 12);
    const tail = offset + length - BLOB_TAIL;
    const problem =
      u32(offset) !== BLOBHEAD_MAGIC || u32(tail + 8) !== BLOBTAIL_MAGIC
        ? 'has no BlbS and BlbE magics'
        : u32(offset + 4) !== index
          ? `is marked as package ${String(u32(offset + 4))}`
          : Math.ceil((BLOB_HEAD + blobLength + BLOB_TAIL) / BLOCK_SIZE) * BLOCK_SIZE !== length ||
              u32(tail + 4) !== blobLength
            ? `has a length of ${String(blobLength)} bytes that does not fit its blocks`
            : adler32(bytes.subarray(offset, tail)) !== u32(tail)
              ? 'fails its adler32 checksum'
              : undefined;
    if (problem !== undefined) {
      yield { problem: `${where} ${problem}` };
      return;
    }
    yield { row: index, blob: bytes.subarray(offset + BLOB_HEAD, offset + BLOB_HEAD + blobLength) };
  }
}
